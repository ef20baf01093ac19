package wharf.testing.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import wharf.server.api.ApiResponse;
import wharf.server.api.HijackSession;

/**
 * Records what a handler answers: status, content type, body, when it committed, and a hijack's
 * content type and session, which a test then runs over in-memory streams. Safe to read while a
 * handler on another thread still streams.
 */
public final class FakeResponse implements ApiResponse {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final CountDownLatch committedLatch = new CountDownLatch(1);
    private final Map<String, String> headers = new ConcurrentHashMap<>();
    private volatile int status = -1;
    private volatile String contentType;
    private volatile HijackSession session;

    /** The status, -1 until the handler committed. */
    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] bytes() {
        synchronized (body) {
            return body.toByteArray();
        }
    }

    public String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** The body as JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A progress stream's messages, each checked to end in {@code \r\n}. */
    public List<JsonNode> messages() {
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

    /** Waits until the handler committed the answer (a stream's headers went out). */
    public boolean awaitCommitted(long timeout, TimeUnit unit) throws InterruptedException {
        return committedLatch.await(timeout, unit);
    }

    public boolean hijacked() {
        return session != null;
    }

    /** Runs the hijacked session with the client's bytes as its input; what it wrote. */
    public byte[] runSession(byte[] clientBytes) throws Exception {
        if (session == null) {
            throw new AssertionError("the handler did not hijack");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        session.run(new ByteArrayInputStream(clientBytes), out);
        return out.toByteArray();
    }

    /** A header the handler set through the servlet response (only setHeader is supported). */
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public HttpServletResponse servlet() {
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setHeader") && !committed()) {
                        headers.put((String) args[0], (String) args[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException("handlers use the ApiResponse helpers");
                });
    }

    @Override
    public void json(int status, Object value) throws IOException {
        commit(status, "application/json", null);
        synchronized (body) {
            body.write(JSON.writeValueAsBytes(value));
            body.write('\n');
        }
    }

    @Override
    public void status(int status) {
        commit(status, null, null);
    }

    @Override
    public OutputStream stream(String contentType) {
        commit(200, contentType, null);
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (body) {
                    body.write(b, off, len);
                }
            }
        };
    }

    @Override
    public boolean committed() {
        return status != -1;
    }

    @Override
    public void hijack(String contentType, HijackSession session) {
        commit(101, contentType, session);
    }

    /** The status goes last: once committed() says so, the rest is there to read. */
    private void commit(int status, String contentType, HijackSession session) {
        if (committed()) {
            throw new IllegalStateException("the response was already committed");
        }
        this.contentType = contentType;
        this.session = session;
        this.status = status;
        committedLatch.countDown();
    }
}
