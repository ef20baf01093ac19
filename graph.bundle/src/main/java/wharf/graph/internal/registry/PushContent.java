package wharf.graph.internal.registry;

import java.util.List;

/**
 * An image to push under one tag: its config and its layers, bottom first, all stored in the
 * {@link BlobStore}. The client writes the schema 2 manifest from them.
 *
 * @param config the config blob's descriptor, media type {@link MediaTypes#DOCKER_CONFIG}
 */
public record PushContent(String tag, Descriptor config, List<PushLayer> layers) {
    public PushContent {
        layers = List.copyOf(layers);
    }
}
