package wharf.server.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A body policies read on demand and the handler gets again. The request is a stand-in that
 * serves only its body, counting the bytes taken from it, which is all the body asks of it.
 */
@Timeout(10)
class PolicyBodyTest {
    private final AtomicInteger taken = new AtomicInteger();

    private HttpServletRequest request(byte[] body) {
        ServletInputStream in = new ServletInputStream() {
            private final ByteArrayInputStream bytes = new ByteArrayInputStream(body);

            @Override
            public int read() {
                int b = bytes.read();
                if (b >= 0) {
                    taken.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = bytes.read(b, off, len);
                taken.addAndGet(Math.max(0, n));
                return n;
            }

            @Override
            public boolean isFinished() {
                return bytes.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getInputStream" -> in;
                    case "getCharacterEncoding" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Test
    void aBodyNoPolicyOpensIsNeitherReadNorWrapped() throws Exception {
        HttpServletRequest req = request(random(100));
        try (PolicyBody body = new PolicyBody(req, false, 1024)) {
            assertSame(req, body.handOver());
            assertEquals(0, taken.get());
            assertThrows(IllegalStateException.class, body::open, "too late: the handler has the stream");
        }
    }

    @Test
    void policiesAndTheHandlerGetTheSameBytesAlsoOfABodyThatSpills() throws Exception {
        for (int size : new int[] {10, 3 * 1024 + 5}) {
            byte[] sent = random(size);
            HttpServletRequest req = request(sent);
            try (PolicyBody body = new PolicyBody(req, false, 1024)) {
                assertArrayEquals(sent, readAll(body.open()));
                assertArrayEquals(sent, readAll(body.open()), "a second policy reads it again");
                HttpServletRequest replay = body.handOver();
                assertNotSame(req, replay);
                assertArrayEquals(sent, readAll(replay.getInputStream()), "the handler gets the same bytes");
                assertTrue(replay.getInputStream().isFinished());
                assertArrayEquals(sent, readAll(body.open()), "still readable after the handler ran");
            }
            assertEquals(size, taken.getAndSet(0), "the client's bytes are read once");
        }
    }

    @Test
    void theTemporaryFileGoesWithTheRequest() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before;
        try (var files = Files.list(tmp)) {
            before = files.filter(p -> p.getFileName().toString().startsWith("wharf-body-")).count();
        }
        try (PolicyBody body = new PolicyBody(request(random(5000)), false, 1024)) {
            readAll(body.open());
        }
        try (var files = Files.list(tmp)) {
            assertEquals(before, files.filter(p -> p.getFileName().toString().startsWith("wharf-body-")).count());
        }
    }

    @Test
    void theLiveStreamOfAConnectionTakenOverIsWithheld() throws Exception {
        HttpServletRequest req = request(random(100));
        try (PolicyBody body = new PolicyBody(req, true, 1024)) {
            assertTrue(body.withheld());
            assertEquals(0, readAll(body.open()).length);
            assertSame(req, body.handOver());
            assertEquals(0, taken.get(), "nothing was taken from the stream");
        }
    }

    @Test
    void aPlainBodyIsNotWithheld() throws Exception {
        try (PolicyBody body = new PolicyBody(request(new byte[0]), false, 1024)) {
            assertFalse(body.withheld());
            assertEquals(0, readAll(body.open()).length);
        }
    }
}
