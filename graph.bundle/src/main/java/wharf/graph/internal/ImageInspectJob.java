package wharf.graph.internal;

import wharf.engine.api.image.ImageInspect;
import wharf.engine.api.image.ImageName;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;

/** The {@code image_inspect} job: {@code GET /images/{name}/json}. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=image_inspect")
public final class ImageInspectJob implements JobHandler<ImageName, ImageInspect> {
    private final ImageStore store;

    @Activate
    public ImageInspectJob(@Reference ImageStore store) {
        this.store = store;
    }

    @Override
    public ImageInspect handle(Job<ImageName> job) throws Exception {
        return new ImageViews(store).inspect(job.input().name());
    }
}
