package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.ContainerInspect;
import wharf.engine.api.container.InspectContainer;

/** The {@code container_inspect} job. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=container_inspect")
public final class InspectJob implements JobHandler<InspectContainer, ContainerInspect> {
    private final ContainerDaemon daemon;

    @Activate
    public InspectJob(@Reference ContainerDaemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public ContainerInspect handle(Job<InspectContainer> job) {
        ContainerRecord r = daemon.lookup(job.input().name()).record();
        return ContainerViews.inspect(r, daemon.execIds(r.id()), job.input().size(), daemon.dir(r.id()));
    }
}
