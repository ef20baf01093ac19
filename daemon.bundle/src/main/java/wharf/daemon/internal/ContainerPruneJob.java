package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.ContainerPruneReport;
import wharf.engine.api.container.PruneContainers;

/** The {@code container_prune} job. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=container_prune")
public final class ContainerPruneJob implements JobHandler<PruneContainers, ContainerPruneReport> {
    private final ContainerDaemon daemon;

    @Activate
    public ContainerPruneJob(@Reference ContainerDaemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public ContainerPruneReport handle(Job<PruneContainers> job) {
        return daemon.prune(job.input().filters());
    }
}
