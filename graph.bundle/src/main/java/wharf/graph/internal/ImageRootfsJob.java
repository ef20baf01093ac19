package wharf.graph.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.image.ContainerConfig;
import wharf.engine.api.image.ImageName;
import wharf.engine.api.image.ImageRootfs;

/** The {@code image_rootfs} job: an image's config and layer dirs for a container to run. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=image_rootfs")
public final class ImageRootfsJob implements JobHandler<ImageName, ImageRootfs> {
    private final ImageStore store;

    @Activate
    public ImageRootfsJob(@Reference ImageStore store) {
        this.store = store;
    }

    @Override
    public ImageRootfs handle(Job<ImageName> job) throws Exception {
        Image image = store.lookup(job.input().name());
        ContainerConfig config = image.config().config();
        return new ImageRootfs(image.id(), config == null ? ContainerConfig.empty() : config,
                image.chainIds().stream().map(store.layers()::diff).toList());
    }
}
