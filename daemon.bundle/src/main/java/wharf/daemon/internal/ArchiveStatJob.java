package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.ContainerPath;
import wharf.engine.api.container.PathStat;
import wharf.runtime.api.ContainerRuntime;

/** The {@code archive_stat} job: the stat of a path in the container. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=archive_stat")
public final class ArchiveStatJob implements JobHandler<ContainerPath, PathStat> {
    private final ContainerArchives archives;

    @Activate
    public ArchiveStatJob(@Reference ContainerDaemon daemon, @Reference ContainerRuntime runtime) {
        this.archives = new ContainerArchives(daemon, runtime);
    }

    @Override
    public PathStat handle(Job<ContainerPath> job) {
        return archives.stat(job.input().name(), job.input().path());
    }
}
