package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.ContainerName;

/** The {@code start} job. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=start")
public final class StartJob implements JobHandler<ContainerName, Void> {
    private final ContainerDaemon daemon;

    @Activate
    public StartJob(@Reference ContainerDaemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public Void handle(Job<ContainerName> job) {
        daemon.start(job.input().name());
        return null;
    }
}
