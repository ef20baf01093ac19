package wharf.routes.containers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import wharf.server.api.ApiResponse;
import wharf.server.api.HijackSession;

/**
 * Records what a handler answers: status, content type, body, when it committed, and a hijack's
 * content type and session, which a test then runs over in-memory streams.
 */
final class FakeResponse implements ApiResponse {
    static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final CountDownLatch committedLatch = new CountDownLatch(1);
    private volatile int status = -1;
    private volatile String contentType;
    private volatile HijackSession session;
    private final java.util.Map<String, String> headers = new java.util.concurrent.ConcurrentHashMap<>();

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    byte[] bytes() {
        synchronized (body) {
            return body.toByteArray();
        }
    }

    String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    JsonNode json() {
        try {
            return JSON.readTree(bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the handler committed the answer (a stream's headers went out). */
    boolean awaitCommitted(long timeout, TimeUnit unit) throws InterruptedException {
        return committedLatch.await(timeout, unit);
    }

    boolean hijacked() {
        return session != null;
    }

    /** Runs the hijacked session with the client's bytes as its input; what it wrote. */
    byte[] runSession(byte[] clientBytes) throws Exception {
        if (session == null) {
            throw new AssertionError("the handler did not hijack");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        session.run(new ByteArrayInputStream(clientBytes), out);
        return out.toByteArray();
    }

    /** A header the handler set through the servlet response (only setHeader is supported). */
    String header(String name) {
        return headers.get(name);
    }

    @Override
    public HttpServletResponse servlet() {
        return (HttpServletResponse) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
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
        commit(status, "application/json");
        synchronized (body) {
            body.write(JSON.writeValueAsBytes(value));
            body.write('\n');
        }
    }

    @Override
    public void status(int status) {
        commit(status, null);
    }

    @Override
    public OutputStream stream(String contentType) {
        commit(200, contentType);
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
        commit(101, contentType);
        this.session = session;
    }

    private void commit(int status, String contentType) {
        if (committed()) {
            throw new IllegalStateException("the response was already committed");
        }
        this.contentType = contentType;
        this.status = status;
        committedLatch.countDown();
    }
}
