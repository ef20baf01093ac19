package wharf.graph.internal;

import wharf.engine.api.image.DeleteImage;
import wharf.engine.api.image.DeleteItems;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;

/** The {@code image_delete} job: {@code DELETE /images/{name}}. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=image_delete")
public final class ImageDeleteJob implements JobHandler<DeleteImage, DeleteItems> {
    private final ImageStore store;

    @Activate
    public ImageDeleteJob(@Reference ImageStore store) {
        this.store = store;
    }

    @Override
    public DeleteItems handle(Job<DeleteImage> job) throws Exception {
        DeleteImage in = job.input();
        return new DeleteItems(new ImageRemover(store).delete(in.name(), in.force(), !in.noPrune()));
    }
}
