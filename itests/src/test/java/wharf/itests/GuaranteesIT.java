package wharf.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.FrameworkWiring;
import wharf.engine.api.event.Event;
import wharf.itests.leak.RecordRoutes;
import wharf.server.api.RouteGroup;

/**
 * What updating or removing a route bundle must not do: leave a client's stream hanging on code
 * that is gone, or keep the old bundle's classes alive (Jackson's caches are the known trap).
 */
@RunWith(PaxExam.class)
public class GuaranteesIT extends WharfTestSupport {
    /** How long a stream may take to end once its bundle goes: the events loop polls twice a second. */
    private static final long STREAM_END_LIMIT_MS = 3000;
    private static final long COLLECT_LIMIT_MS = 20_000;
    private static final String LEAK = "wharf.itests.leak";

    @Test
    public void anEventsStreamEndsCleanlyWhenItsBundleIsUpdated() throws Exception {
        Path socket = tmp.resolve("w.sock");
        startDaemon("unix://" + socket);
        try (RawHttp c = RawHttp.unix(socket)) {
            c.send("GET /v1.47/events HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response head = c.readHead();
            assertEquals(head.toString(), 200, head.status());
            assertEquals("chunked", head.header("Transfer-Encoding"));
            engine.events().publish(Event.now("image", "tag", "sha256:abc", Map.of("name", "busybox:x")));
            String event = c.readChunk();
            assertTrue(event, event.contains("\"Action\":\"tag\""));

            long start = System.nanoTime();
            installed("wharf.routes.system").update();
            StringBuilder rest = new StringBuilder();
            for (String chunk = c.readChunk(); chunk != null; chunk = c.readChunk()) {
                rest.append(chunk);
            }
            assertTrue("no more events: " + rest, rest.toString().isBlank());
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("GuaranteesIT: the events stream ended " + millis + " ms after the update began");
            assertTrue("the stream took " + millis + " ms to end", millis < STREAM_END_LIMIT_MS);
        }
        Await.until("the updated system routes to serve", () -> unixRequest(socket, "GET", "/_ping").status() == 200);
    }

    @Test
    public void aHijackedSessionEndsWhenItsRouteGroupGoes() throws Exception {
        Path socket = tmp.resolve("w.sock");
        startDaemon("unix://" + socket);
        ServiceRegistration<RouteGroup> group = TestRoutes.register(context, TestRoutes.echo(), 0);
        Await.until("the test routes", () -> unixRequest(socket, "GET", "/test/ready").status() == 204);
        try (RawHttp c = RawHttp.unix(socket)) {
            c.send("POST /test/hijack HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
            assertEquals(101, c.readHead().status());
            assertEquals(TestRoutes.GREETING, c.readExactly(TestRoutes.GREETING));
            long start = System.nanoTime();
            group.unregister();
            // the client never half-closed: only the server ending the session closes the connection
            c.readToEof();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue("the session took " + millis + " ms to end", millis < STREAM_END_LIMIT_MS);
        }
    }

    @Test
    public void noClassLoaderOfAnUpdatedOrUninstalledRouteBundleStaysReachable() throws Exception {
        Path socket = tmp.resolve("w.sock");
        startDaemon("unix://" + socket);
        Bundle bundle = context.installBundle("itest:" + LEAK, new ByteArrayInputStream(TestBundles.recordBundle(LEAK,
                "1.0.0")));
        bundle.start();
        Await.until("the record routes", () -> unixRequest(socket, "GET", "/leak/answer").status() == 200);
        exercise(socket, "1.0.0");
        WeakReference<ClassLoader> first = loaderOfAnswer(bundle);

        bundle.update(new ByteArrayInputStream(TestBundles.recordBundle(LEAK, "1.0.1")));
        refresh(bundle);
        Await.until("the new revision to serve",
                () -> unixRequest(socket, "GET", "/leak/answer").body().contains("\"1.0.1\""));
        exercise(socket, "1.0.1");
        awaitCollected("the class loader of the revision before the update", first);

        WeakReference<ClassLoader> second = loaderOfAnswer(bundle);
        bundle.uninstall();
        refresh(bundle);
        assertEquals(404, unixRequest(socket, "GET", "/leak/answer").status());
        awaitCollected("the class loader of the uninstalled bundle", second);
    }

    /** The record goes through the server's mapper both ways and through a progress stream's. */
    private static void exercise(Path socket, String version) throws Exception {
        assertEquals("{\"version\":\"" + version + "\",\"words\":[\"get\"]}\n",
                unixRequest(socket, "GET", "/leak/answer").body());
        try (RawHttp c = RawHttp.unix(socket)) {
            RawHttp.Response posted = c.request("POST", "/leak/answer", "application/json",
                    "{\"version\":\"x\",\"words\":[\"posted\"]}".getBytes(StandardCharsets.UTF_8));
            assertEquals("{\"version\":\"" + version + "\",\"words\":[\"posted\"]}\n", posted.body());
        }
        assertTrue(unixRequest(socket, "GET", "/leak/progress").body().contains("\"aux\":{\"version\":\"" + version));
    }

    /** Only a weak reference leaves this method: the Class object itself must not stay on the stack. */
    private static WeakReference<ClassLoader> loaderOfAnswer(Bundle bundle) throws ClassNotFoundException {
        return new WeakReference<>(bundle.loadClass(RecordRoutes.Answer.class.getName()).getClassLoader());
    }

    private void refresh(Bundle bundle) throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("the refresh did not end", refreshed.await(10, TimeUnit.SECONDS));
    }

    private static void awaitCollected(String what, WeakReference<ClassLoader> loader) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(COLLECT_LIMIT_MS);
        while (loader.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(100);
        }
        assertNull(what + " is still reachable after " + COLLECT_LIMIT_MS + " ms of System.gc()", loader.get());
        System.out.println("GuaranteesIT: " + what + " was collected after "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
}
