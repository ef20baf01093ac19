package wharf.graph.internal;

import wharf.engine.api.image.DeleteImage;
import wharf.engine.api.image.DeleteItems;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Engine;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;

/** The {@code image_delete} job: {@code DELETE /images/{name}}. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=image_delete")
public final class ImageDeleteJob implements JobHandler<DeleteImage, DeleteItems> {
    private final ImageStore store;
    private final Engine engine;

    @Activate
    public ImageDeleteJob(@Reference ImageStore store, @Reference Engine engine) {
        this.store = store;
        this.engine = engine;
    }

    @Override
    public DeleteItems handle(Job<DeleteImage> job) throws Exception {
        DeleteImage in = job.input();
        ImageRemover remover = new ImageRemover(store, ImageRemover.Users.of(engine));
        return new DeleteItems(remover.delete(in.name(), in.force(), !in.noPrune()));
    }
}
