package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.ContainerSummaries;
import wharf.engine.api.container.ListContainers;

/** The {@code containers} job: the container list. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=containers")
public final class ContainersJob implements JobHandler<ListContainers, ContainerSummaries> {
    private final ContainerDaemon daemon;

    @Activate
    public ContainersJob(@Reference ContainerDaemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public ContainerSummaries handle(Job<ListContainers> job) {
        return new ContainerSummaries(ContainerViews.list(daemon.records(), job.input(),
                name -> daemon.lookup(name).record(), r -> daemon.dir(r.id())));
    }
}
