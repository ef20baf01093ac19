package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.ResizeTerminal;

/** The {@code resize} job of a container's terminal. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=resize")
public final class ResizeJob implements JobHandler<ResizeTerminal, Void> {
    private final ContainerDaemon daemon;

    @Activate
    public ResizeJob(@Reference ContainerDaemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public Void handle(Job<ResizeTerminal> job) {
        daemon.resize(job.input().name(), job.input().height(), job.input().width());
        return null;
    }
}
