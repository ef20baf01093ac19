package wharf.graph.internal.registry;

import java.io.IOException;
import java.io.InputStream;

/**
 * What a pull needs from the image store, beyond its blobs: which images and layers it has
 * already, unpacking a downloaded layer, and recording the image under its reference.
 * graph.bundle's store implements it, as one long-lived instance: concurrent pulls share
 * downloads and unpacking only when they pass the same target (and the same {@link BlobStore}).
 * Several pulls call it at once; the client never unpacks one chain ID twice at the same time.
 */
public interface PullTarget {
    /** Where downloaded layers and configs go. */
    BlobStore blobs();

    /**
     * True when the image with this config digest (its ID) is stored whole. dockerd then skips
     * the layers altogether and only points the reference at it.
     */
    boolean hasImage(String configDigest);

    /**
     * True when the layer stack up to this chain ID is unpacked: the pull reports
     * {@code Already exists} and downloads nothing for it.
     */
    boolean hasLayer(String chainId);

    /**
     * Unpacks one downloaded layer on top of its parent chain ({@link PulledLayer#parentChainId()},
     * already unpacked), checking that the uncompressed tar has the layer's diff ID; decompresses
     * according to the blob's media type. Called in layer order; a failure must leave no partial
     * layer. The client reports {@code Extracting} as the stream is read, and stops the read
     * (a {@link wharf.engine.api.CancelledError}) when the job is cancelled.
     *
     * @param blob the layer's blob as stored, counted for progress; the store closes it
     */
    void extract(PulledLayer layer, InputStream blob) throws IOException;

    /**
     * Records the image (its config, manifest and layers are stored by now) and points the
     * reference at it.
     *
     * @return true when the reference changed (a new image, or a tag that pointed elsewhere):
     *         dockerd then says {@code Downloaded newer image}, else {@code Image is up to date}
     */
    boolean store(PulledImage image) throws IOException;
}
