package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.PendingExit;
import wharf.engine.api.container.WaitContainer;

/** The {@code wait} job: the container is looked up at once, its exit handed back to come. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=wait")
public final class WaitJob implements JobHandler<WaitContainer, PendingExit> {
    private final ContainerDaemon daemon;

    @Activate
    public WaitJob(@Reference ContainerDaemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public PendingExit handle(Job<WaitContainer> job) {
        return daemon.await(job.input().name(), job.input().condition());
    }
}
