package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.ContainerName;

/** The {@code pause} job. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=pause")
public final class PauseJob implements JobHandler<ContainerName, Void> {
    private final ContainerDaemon daemon;

    @Activate
    public PauseJob(@Reference ContainerDaemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public Void handle(Job<ContainerName> job) {
        daemon.pause(job.input().name(), true);
        return null;
    }
}
