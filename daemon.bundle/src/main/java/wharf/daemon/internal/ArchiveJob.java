package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.ContainerPath;
import wharf.engine.api.container.PathStat;
import wharf.runtime.api.ContainerRuntime;

/** The {@code archive} job: a tar of a path in the container to stdout. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=archive")
public final class ArchiveJob implements JobHandler<ContainerPath, PathStat> {
    private final ContainerArchives archives;

    @Activate
    public ArchiveJob(@Reference ContainerDaemon daemon, @Reference ContainerRuntime runtime) {
        this.archives = new ContainerArchives(daemon, runtime);
    }

    @Override
    public PathStat handle(Job<ContainerPath> job) {
        return archives.archive(job.input().name(), job.input().path(), job.io().stdout());
    }
}
