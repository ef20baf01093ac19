package wharf.graph.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.image.PullImage;
import wharf.graph.internal.registry.Platform;
import wharf.graph.internal.registry.PullResult;

/**
 * The {@code pull} job: {@code POST /images/create?fromImage=…}. The tag parameter may hold a
 * digest, as in dockerd; the image is recorded by the store's pull target and the event names
 * the reference pulled, as dockerd's does.
 */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=pull")
public final class PullJob implements JobHandler<PullImage, Void> {
    private final ImageStore store;
    private final Registries registries;

    @Activate
    public PullJob(@Reference ImageStore store, @Reference Registries registries) {
        this.store = store;
        this.registries = registries;
    }

    @Override
    public Void handle(Job<PullImage> job) throws Exception {
        PullImage in = job.input();
        wharf.engine.api.image.Reference ref = reference(in.fromImage(), in.tag()).withDefaultTag();
        Platform platform = in.platform() == null || in.platform().isEmpty() ? null : Platform.parse(in.platform());
        PullResult result = registries.client().pull(ref, platform, in.auth(), registries.target(), in.progress(),
                job.cancellation());
        store.events().publish("pull", ref, store.image(result.imageId()));
        return null;
    }

    /** The image asked for, with the tag or digest that the {@code tag} parameter names. */
    static wharf.engine.api.image.Reference reference(String fromImage, String tag) {
        wharf.engine.api.image.Reference ref = wharf.engine.api.image.Reference.parse(fromImage);
        if (tag == null || tag.isEmpty()) {
            return ref;
        }
        return tag.contains(":") ? ref.withDigest(tag) : ref.withTag(tag);
    }
}
