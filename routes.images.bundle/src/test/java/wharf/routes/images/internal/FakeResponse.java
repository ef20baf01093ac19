package wharf.routes.images.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import wharf.server.api.ApiResponse;
import wharf.server.api.HijackSession;

/** Records what a handler answers: status, content type, body, and when it committed. */
final class FakeResponse implements ApiResponse {
    static final ObjectMapper JSON = new ObjectMapper().configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = -1;
    private String contentType;
    private boolean committed;

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    byte[] bytes() {
        return body.toByteArray();
    }

    String text() {
        return body.toString(StandardCharsets.UTF_8);
    }

    /** The body as JSON. */
    JsonNode json() {
        try {
            return JSON.readTree(bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A progress stream's messages, each checked to end in {@code \r\n}. */
    List<JsonNode> messages() {
        List<JsonNode> out = new ArrayList<>();
        String all = text();
        if (!all.isEmpty() && !all.endsWith("\r\n")) {
            throw new AssertionError("a message does not end in \\r\\n: " + all);
        }
        for (String line : all.split("\r\n")) {
            if (!line.isEmpty()) {
                try {
                    out.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    @Override
    public HttpServletResponse servlet() {
        throw new UnsupportedOperationException("handlers use the ApiResponse helpers");
    }

    @Override
    public void json(int status, Object value) throws IOException {
        ensureOpen();
        this.status = status;
        contentType = "application/json";
        committed = true;
        body.write(JSON.writeValueAsBytes(value));
        body.write('\n');
    }

    @Override
    public void status(int status) {
        ensureOpen();
        this.status = status;
        committed = true;
    }

    @Override
    public OutputStream stream(String contentType) {
        ensureOpen();
        status = 200;
        this.contentType = contentType;
        committed = true;
        return body;
    }

    @Override
    public boolean committed() {
        return committed;
    }

    @Override
    public void hijack(String contentType, HijackSession session) {
        throw new UnsupportedOperationException("image routes do not hijack");
    }

    private void ensureOpen() {
        if (committed) {
            throw new IllegalStateException("the response was already committed");
        }
    }
}
