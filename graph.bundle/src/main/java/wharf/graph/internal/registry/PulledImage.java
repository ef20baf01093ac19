package wharf.graph.internal.registry;

import java.util.List;
import wharf.engine.api.image.Reference;

/**
 * A pulled image, ready to be recorded.
 *
 * @param reference         what was pulled, as asked ({@code 127.0.0.1:5000/bb:1})
 * @param digest            the digest of the manifest the reference resolved to (a manifest
 *                          list's when it was one): what {@code RepoDigests} show
 * @param manifestMediaType the media type of {@code manifest}
 * @param manifest          the platform's image manifest, as the registry served it
 * @param manifestDigest    its digest (equal to {@code digest} unless a list was resolved)
 * @param config            the config's descriptor; its digest is the image ID
 * @param configJson        the config, as the registry served it
 * @param layers            bottom first
 */
public record PulledImage(Reference reference, String digest, String manifestMediaType, byte[] manifest,
        String manifestDigest, Descriptor config, byte[] configJson, List<PulledLayer> layers) {
    public PulledImage {
        layers = List.copyOf(layers);
    }
}
