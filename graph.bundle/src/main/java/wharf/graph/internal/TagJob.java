package wharf.graph.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.image.TagImage;

/**
 * The {@code tag} job: {@code POST /images/{name}/tag}. The new name is checked before the
 * image is looked up, as dockerd's router does.
 */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=tag")
public final class TagJob implements JobHandler<TagImage, Void> {
    private final ImageStore store;

    @Activate
    public TagJob(@Reference ImageStore store) {
        this.store = store;
    }

    @Override
    public Void handle(Job<TagImage> job) throws Exception {
        TagImage in = job.input();
        wharf.engine.api.image.Reference ref = target(in.repo(), in.tag());
        Image image = store.lookup(in.source());
        store.tag(ref, image.id());
        store.events().publish("tag", image, ref.familiar());
        return null;
    }

    /** The new reference: the repository with the tag given, or the one it carries, or {@code latest}. */
    static wharf.engine.api.image.Reference target(String repo, String tag) {
        wharf.engine.api.image.Reference ref = wharf.engine.api.image.Reference.parse(repo == null ? "" : repo);
        if (ref.digested()) {
            throw new InvalidParameterError("refusing to create a tag with a digest reference");
        }
        if (tag != null && !tag.isEmpty()) {
            ref = ref.withTag(tag);
        }
        return ref.withDefaultTag();
    }
}
