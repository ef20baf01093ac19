package wharf.graph.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.image.PushImage;
import wharf.engine.api.image.PushResult;
import wharf.graph.internal.registry.Descriptor;
import wharf.graph.internal.registry.MediaTypes;
import wharf.graph.internal.registry.PushContent;
import wharf.graph.internal.registry.PushLayer;
import wharf.graph.internal.registry.RegistryClient;

/**
 * The {@code push} job: {@code POST /images/{name}/push?tag=…}, as dockerd's pusher: the tag
 * given, or the one in the name, or every tag of the repository; each pushed tag then has its
 * {@code repository@digest} among the image's RepoDigests. Layers go as gzip blobs: the ones a
 * pull brought as they came, the others compressed once and kept (see {@link LayerStore#gzipped}).
 */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=push")
public final class PushJob implements JobHandler<PushImage, Void> {
    private final ImageStore store;
    private final Registries registries;

    @Activate
    public PushJob(@Reference ImageStore store, @Reference Registries registries) {
        this.store = store;
        this.registries = registries;
    }

    @Override
    public Void handle(Job<PushImage> job) throws Exception {
        PushImage in = job.input();
        wharf.engine.api.image.Reference ref = wharf.engine.api.image.Reference.parse(in.name());
        if (in.tag() != null && !in.tag().isEmpty()) {
            ref = ref.withTag(in.tag());
        }
        if (ref.digested()) {
            throw new InvalidParameterError("cannot push a digest reference");
        }
        wharf.engine.api.image.Reference repository = ref.repository();
        Map<wharf.engine.api.image.Reference, String> tags = tags(ref, in);
        List<PushContent> contents = new ArrayList<>();
        for (Map.Entry<wharf.engine.api.image.Reference, String> tag : tags.entrySet()) {
            Image image = store.image(tag.getValue());
            if (image == null) {
                // removed since the tags were read
                throw new NotFoundError("No such image: " + tag.getKey().familiar());
            }
            contents.add(content(tag.getKey().tag(), image));
        }
        List<PushResult> results = registries.client().push(repository, contents, in.auth(), store.blobs(),
                in.progress(), job.cancellation());
        List<String> ids = List.copyOf(tags.values());
        for (int i = 0; i < results.size(); i++) {
            store.tag(repository.withDigest(results.get(i).digest()), ids.get(i));
        }
        store.events().publish("push", ref, ref.tagged() ? store.image(ids.get(0)) : null);
        return null;
    }

    /**
     * The tags to push and their images: the one named, or every tag of the repository, sorted.
     * When there is none dockerd has already named the repository, so the error follows that line.
     */
    private Map<wharf.engine.api.image.Reference, String> tags(wharf.engine.api.image.Reference ref, PushImage in) {
        Map<wharf.engine.api.image.Reference, String> tags = new LinkedHashMap<>();
        boolean named = false;
        for (Map.Entry<String, String> e : store.snapshot().references().entrySet()) {
            wharf.engine.api.image.Reference r = wharf.engine.api.image.Reference.parse(e.getKey());
            if (r.name().equals(ref.name())) {
                named = true;
                if (r.tagged() && (!ref.tagged() || r.equals(ref))) {
                    tags.put(r, e.getValue());
                }
            }
        }
        if (tags.isEmpty()) {
            RegistryClient.announcePush(ref.repository(), in.progress());
            throw new NotFoundError(!named ? "An image does not exist locally with the tag: " + ref.familiarName()
                    : ref.tagged() ? "tag does not exist: " + ref.familiar()
                    : "no tags to push for " + ref.familiarName());
        }
        return tags;
    }

    /** An image as the registry client pushes it: its config and its layers as gzip blobs. */
    private PushContent content(String tag, Image image) throws IOException {
        List<PushLayer> layers = new ArrayList<>();
        for (String chainId : image.chainIds()) {
            Layer layer = store.layers().gzipped(store.layers().get(chainId));
            String blob = layer.pushBlob();
            layers.add(new PushLayer(layer.diffId(),
                    Descriptor.of(MediaTypes.DOCKER_LAYER_GZIP, store.blobs().size(blob), blob)));
        }
        return new PushContent(tag, Descriptor.of(MediaTypes.DOCKER_CONFIG, image.configSize(), image.id()), layers);
    }
}
