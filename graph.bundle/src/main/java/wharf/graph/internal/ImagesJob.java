package wharf.graph.internal;

import wharf.engine.api.image.ImageSummaries;
import wharf.engine.api.image.ListImages;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;

/** The {@code images} job: {@code GET /images/json}. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=images")
public final class ImagesJob implements JobHandler<ListImages, ImageSummaries> {
    private final ImageStore store;

    @Activate
    public ImagesJob(@Reference ImageStore store) {
        this.store = store;
    }

    @Override
    public ImageSummaries handle(Job<ListImages> job) throws Exception {
        return new ImageSummaries(new ImageViews(store).list(job.input()));
    }
}
