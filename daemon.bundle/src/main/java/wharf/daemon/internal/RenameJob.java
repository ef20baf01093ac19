package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.RenameContainer;

/** The {@code rename} job. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=rename")
public final class RenameJob implements JobHandler<RenameContainer, Void> {
    private final ContainerDaemon daemon;

    @Activate
    public RenameJob(@Reference ContainerDaemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public Void handle(Job<RenameContainer> job) {
        daemon.rename(job.input().name(), job.input().newName());
        return null;
    }
}
