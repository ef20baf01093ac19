package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.ExtractArchive;
import wharf.runtime.api.ContainerRuntime;

/** The {@code extract_to_dir} job: the tar on stdin extracted under a directory of the container. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=extract_to_dir")
public final class ExtractToDirJob implements JobHandler<ExtractArchive, Void> {
    private final ContainerArchives archives;

    @Activate
    public ExtractToDirJob(@Reference ContainerDaemon daemon, @Reference ContainerRuntime runtime) {
        this.archives = new ContainerArchives(daemon, runtime);
    }

    @Override
    public Void handle(Job<ExtractArchive> job) {
        archives.extract(job.input(), job.io().stdin());
        return null;
    }
}
