package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.ImageUsers;
import wharf.engine.api.container.ImageUsersQuery;

/** The {@code image_users} job: the image store asks it before it deletes an image. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=image_users")
public final class ImageUsersJob implements JobHandler<ImageUsersQuery, ImageUsers> {
    private final ContainerDaemon daemon;

    @Activate
    public ImageUsersJob(@Reference ContainerDaemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public ImageUsers handle(Job<ImageUsersQuery> job) {
        return daemon.imageUsers(job.input().imageId());
    }
}
