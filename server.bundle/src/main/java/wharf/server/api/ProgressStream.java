package wharf.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * dockerd's JSON message stream ({@code jsonmessage}): one JSON object per chunk, each ending
 * in {@code \r\n}, with {@code <}, {@code >} and {@code &} escaped as Go's encoder does. Clients
 * match the {@code status} strings, so callers pass dockerd's exact words.
 */
public final class ProgressStream implements AutoCloseable {
    private static final ObjectMapper BASE = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private final OutputStream out;
    /**
     * A mapper of this stream's own: its serializer cache learns the callers' classes ({@link #aux}
     * takes a route bundle's records) and goes with the stream, rather than keeping those classes,
     * and their bundle's class loader, for as long as the server runs.
     */
    private final ObjectMapper json = BASE.copy();

    public ProgressStream(OutputStream out) {
        this.out = out;
    }

    /** {@code {"status": …}} */
    public void status(String status) throws IOException {
        write(message(status, null, null));
    }

    /** {@code {"status": …, "progressDetail": {}, "id": …}} */
    public void status(String id, String status) throws IOException {
        Map<String, Object> m = message(status, id, Map.of());
        write(m);
    }

    /** {@code {"status": …, "progressDetail": {"current", "total"}, "progress": bar, "id": …}} */
    public void progress(String id, String status, long current, long total, String bar) throws IOException {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("current", current);
        if (total > 0) {
            detail.put("total", total);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("progressDetail", detail);
        m.put("progress", bar);
        m.put("id", id);
        write(m);
    }

    /** {@code {"stream": …}} as load and build write. */
    public void stream(String text) throws IOException {
        write(Map.of("stream", text));
    }

    /** {@code {"progressDetail": {}, "aux": …}} */
    public void aux(Object aux) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("progressDetail", Map.of());
        m.put("aux", aux);
        write(m);
    }

    /** The in-band error that ends a stream: {@code {"errorDetail": {"message"}, "error"}}. */
    public void error(String message) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errorDetail", Map.of("message", message));
        m.put("error", message);
        write(m);
    }

    /** Writes any message object as one chunk. */
    public void write(Object message) throws IOException {
        String text;
        try {
            text = json.writeValueAsString(message);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.write((escapeHtml(text) + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private static Map<String, Object> message(String status, String id, Object detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        if (detail != null) {
            m.put("progressDetail", detail);
        }
        if (id != null) {
            m.put("id", id);
        }
        return m;
    }

    /** Go's {@code json.Marshal} escapes these three for HTML safety; clients see them so. */
    static String escapeHtml(String json) {
        StringBuilder sb = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            String rep = switch (c) {
                case '<' -> "\\u003c";
                case '>' -> "\\u003e";
                case '&' -> "\\u0026";
                default -> null;
            };
            if (rep != null) {
                if (sb == null) {
                    sb = new StringBuilder(json.length() + 16).append(json, 0, i);
                }
                sb.append(rep);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? json : sb.toString();
    }
}
