package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.UpdateContainer;
import wharf.engine.api.container.UpdatedContainer;

/** The {@code update} job; dockerd has no warnings to give here, so they are null. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=update")
public final class UpdateJob implements JobHandler<UpdateContainer, UpdatedContainer> {
    private final ContainerDaemon daemon;

    @Activate
    public UpdateJob(@Reference ContainerDaemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public UpdatedContainer handle(Job<UpdateContainer> job) {
        UpdateContainer in = job.input();
        daemon.update(in.name(), in.resources() == null ? UpdateContainer.Resources.none() : in.resources());
        return new UpdatedContainer(null);
    }
}
