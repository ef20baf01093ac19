package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.RemoveContainer;

/** The {@code rm} job. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=rm")
public final class RmJob implements JobHandler<RemoveContainer, Void> {
    private final ContainerDaemon daemon;

    @Activate
    public RmJob(@Reference ContainerDaemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public Void handle(Job<RemoveContainer> job) {
        daemon.remove(job.input().name(), job.input().force(), job.input().link());
        return null;
    }
}
