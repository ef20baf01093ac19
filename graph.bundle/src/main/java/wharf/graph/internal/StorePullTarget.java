package wharf.graph.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import wharf.engine.api.image.Reference;
import wharf.graph.internal.registry.PullTarget;
import wharf.graph.internal.registry.PulledImage;
import wharf.graph.internal.registry.PulledLayer;

/**
 * The image store as the registry client pulls into it: downloads land in the store's blob
 * store, layers are unpacked by its layer store, and a pulled image is committed with its
 * manifest and named by its tag and its repository digest, as dockerd records a pull. One
 * instance per store, since the client shares downloads and unpacking per target.
 */
final class StorePullTarget implements PullTarget {
    private final ImageStore store;

    StorePullTarget(ImageStore store) {
        this.store = store;
    }

    @Override
    public BlobStore blobs() {
        return store.blobs();
    }

    @Override
    public boolean hasImage(String configDigest) {
        return store.image(configDigest) != null;
    }

    @Override
    public boolean hasLayer(String chainId) {
        return store.layers().has(chainId);
    }

    @Override
    public void extract(PulledLayer layer, InputStream blob) throws IOException {
        store.layers().registerStored(layer.parentChainId(), layer.blob().digest(), blob, layer.diffId());
    }

    /**
     * Commits the image with the manifest pulled, then points the tag (if the pull named one) and
     * {@code repository@digest} at it. The reference moved when the image is new or a name it
     * was pulled by pointed elsewhere (dockerd's {@code Downloaded newer image}).
     */
    @Override
    public boolean store(PulledImage pulled) throws IOException {
        Reference asked = pulled.reference();
        Reference digested = asked.repository().withDigest(pulled.digest());
        Reference name = asked.tagged() ? asked : digested;
        String id = pulled.config().digest();
        boolean fresh = store.image(id) == null;
        String before = store.snapshot().references().get(ImageStore.storageKey(name));

        String manifest = store.blobs().put(pulled.manifest());
        Image image = store.commit(pulled.configJson(), "", List.of(manifest));
        if (asked.tagged()) {
            store.tag(asked, image.id());
        }
        store.tag(digested, image.id());
        return fresh || !id.equals(before);
    }
}
