package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.system.ContainerCounts;

/** The container figures {@code /info} shows. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=container_counts")
public final class ContainerCountsJob implements JobHandler<Void, ContainerCounts> {
    private final ContainerDaemon daemon;

    @Activate
    public ContainerCountsJob(@Reference ContainerDaemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public ContainerCounts handle(Job<Void> job) {
        return daemon.counts();
    }
}
