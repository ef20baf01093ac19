package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.ContainerPath;
import wharf.runtime.api.ContainerRuntime;

/** The {@code copy} job: the seed's {@code /copy}, a tar of a resource to stdout. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=copy")
public final class CopyJob implements JobHandler<ContainerPath, Void> {
    private final ContainerArchives archives;

    @Activate
    public CopyJob(@Reference ContainerDaemon daemon, @Reference ContainerRuntime runtime) {
        this.archives = new ContainerArchives(daemon, runtime);
    }

    @Override
    public Void handle(Job<ContainerPath> job) {
        archives.copy(job.input().name(), job.input().path(), job.io().stdout());
        return null;
    }
}
