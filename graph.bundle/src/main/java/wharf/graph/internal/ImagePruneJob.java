package wharf.graph.internal;

import wharf.engine.api.image.PruneImages;
import wharf.engine.api.image.PruneReport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Engine;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;

/** The {@code image_prune} job: {@code POST /images/prune}. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=image_prune")
public final class ImagePruneJob implements JobHandler<PruneImages, PruneReport> {
    private final ImageStore store;
    private final Engine engine;

    @Activate
    public ImagePruneJob(@Reference ImageStore store, @Reference Engine engine) {
        this.store = store;
        this.engine = engine;
    }

    @Override
    public PruneReport handle(Job<PruneImages> job) throws Exception {
        return new ImageRemover(store, ImageRemover.Users.of(engine)).prune(job.input().filters());
    }
}
