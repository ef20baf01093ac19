package wharf.server.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The server's one JSON mapper: lenient on unknown fields as dockerd is, and thread-safe. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private Json() {
    }

    /**
     * Forgets every class the mapper has seen: its serializers and deserializers (route bundles'
     * records among them) and the type cache of Jackson's shared {@code TypeFactory}, which every
     * mapper built with the defaults uses, route bundles' own included. Held there, a class would
     * keep the class loader of a bundle that was updated or uninstalled, and every class it loaded,
     * from being collected. The caches fill again on the next request.
     */
    static void clearCaches() {
        MAPPER.clearCaches();
    }
}
