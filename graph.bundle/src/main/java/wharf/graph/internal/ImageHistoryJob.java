package wharf.graph.internal;

import wharf.engine.api.image.ImageHistory;
import wharf.engine.api.image.ImageName;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;

/** The {@code image_history} job: {@code GET /images/{name}/history}. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=image_history")
public final class ImageHistoryJob implements JobHandler<ImageName, ImageHistory> {
    private final ImageStore store;

    @Activate
    public ImageHistoryJob(@Reference ImageStore store) {
        this.store = store;
    }

    @Override
    public ImageHistory handle(Job<ImageName> job) throws Exception {
        return new ImageHistory(new ImageViews(store).history(job.input().name()));
    }
}
