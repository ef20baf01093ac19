package wharf.routes.containers.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;

/**
 * This bundle's JSON mapper, for what the server's helpers do not cover: the create body's two
 * halves read from one tree, and the wait result written into an open stream.
 */
final class Json {
    /** Lenient on unknown fields, as dockerd is. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private Json() {
    }

    /** The value as JSON and a newline, as Go's {@code json.Encoder} writes it. */
    static byte[] line(Object value) throws IOException {
        byte[] json = MAPPER.writeValueAsBytes(value);
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }
}
