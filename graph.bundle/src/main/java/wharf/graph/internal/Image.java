package wharf.graph.internal;

import java.time.OffsetDateTime;
import java.util.List;

import wharf.common.GoTime;

/**
 * An image the store holds: its ID (the digest of its config), the parsed config, the chain IDs
 * of its layers bottom first, and its local facts.
 *
 * @param parent      the image it was built on locally ({@code sha256:…}), or empty
 * @param lastTagTime when it was last tagged (RFC 3339), or null
 * @param configSize  the config file's length
 */
record Image(String id, ImageConfig config, List<String> chainIds, String parent, String lastTagTime, long configSize) {

    Image {
        chainIds = List.copyOf(chainIds);
        parent = parent == null ? "" : parent;
    }

    /** The top layer's chain ID, or null for an image without layers. */
    String topLayer() {
        return chainIds.isEmpty() ? null : chainIds.get(chainIds.size() - 1);
    }

    /** When the config says the image was made; Go's zero time when it does not say. */
    OffsetDateTime created() {
        return GoTime.parseOrZero(config.created());
    }

    Image withLastTagTime(String time) {
        return new Image(id, config, chainIds, parent, time, configSize);
    }
}
