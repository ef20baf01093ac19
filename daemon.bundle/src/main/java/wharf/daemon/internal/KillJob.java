package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.KillContainer;

/** The {@code kill} job. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=kill")
public final class KillJob implements JobHandler<KillContainer, Void> {
    private final ContainerDaemon daemon;

    @Activate
    public KillJob(@Reference ContainerDaemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public Void handle(Job<KillContainer> job) {
        daemon.kill(job.input().name(), job.input().signal());
        return null;
    }
}
