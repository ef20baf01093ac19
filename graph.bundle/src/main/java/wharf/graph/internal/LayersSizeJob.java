package wharf.graph.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;

/** The {@code layers_size} job: every stored layer's content once, {@code /system/df}'s {@code LayersSize}. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=layers_size")
public final class LayersSizeJob implements JobHandler<Void, Long> {
    private final ImageStore store;

    @Activate
    public LayersSizeJob(@Reference ImageStore store) {
        this.store = store;
    }

    @Override
    public Long handle(Job<Void> job) {
        return store.layers().all().values().stream().mapToLong(Layer::size).sum();
    }
}
