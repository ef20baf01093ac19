package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.StopContainer;

/** The {@code restart} job. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=restart")
public final class RestartJob implements JobHandler<StopContainer, Void> {
    private final ContainerDaemon daemon;

    @Activate
    public RestartJob(@Reference ContainerDaemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public Void handle(Job<StopContainer> job) {
        daemon.restart(job.input().name(), job.input().signal(), job.input().timeout());
        return null;
    }
}
