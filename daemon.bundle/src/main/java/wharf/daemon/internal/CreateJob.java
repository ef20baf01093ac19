package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Engine;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.CreateContainer;
import wharf.engine.api.container.CreatedContainer;
import wharf.engine.api.image.ImageJobs;
import wharf.engine.api.image.ImageName;
import wharf.engine.api.image.ImageRootfs;

/** The {@code create} job: the host config is checked, the image found (its 404 is the job's), the container made. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=create")
public final class CreateJob implements JobHandler<CreateContainer, CreatedContainer> {
    private final ContainerDaemon daemon;
    private final Engine engine;

    @Activate
    public CreateJob(@Reference ContainerDaemon daemon, @Reference Engine engine) {
        this.daemon = daemon;
        this.engine = engine;
    }

    @Override
    public CreatedContainer handle(Job<CreateContainer> job) {
        ContainerDaemon.checkHostConfig(job.input());
        ImageRootfs image = engine.run(ImageJobs.IMAGE_ROOTFS, new ImageName(job.input().config().image()));
        return daemon.create(job.input(), image);
    }
}
