package wharf.graph.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;

/** The image count {@code /info} shows. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=image_count")
public final class ImageCountJob implements JobHandler<Void, Integer> {
    private final ImageStore store;

    @Activate
    public ImageCountJob(@Reference ImageStore store) {
        this.store = store;
    }

    @Override
    public Integer handle(Job<Void> job) throws Exception {
        return store.images().size();
    }
}
