package wharf.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleRevisions;
import org.osgi.framework.wiring.FrameworkWiring;
import wharf.engine.api.system.Listening;
import wharf.engine.api.system.ServeApi;
import wharf.testing.TestCertificates;
import wharf.testing.TestCertificates.DockerTlsFiles;
import wharf.testing.TestCertificates.KeyFormat;

/**
 * The management API (wharf.routes.admin) in the real framework: introspection of routes and
 * jobs, hot install, update and uninstall of a route bundle while other routes take requests,
 * who may call it, and what it refuses to take away.
 */
@RunWith(PaxExam.class)
public class AdminIT extends WharfTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JAR = "application/java-archive";
    private static final int UPDATES = 100;
    private static final String PLAIN_HOST = "127.0.0.2";

    private static JsonNode json(RawHttp.Response r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static RawHttp.Response post(Path socket, String path, byte[] body) throws Exception {
        try (RawHttp c = RawHttp.unix(socket)) {
            return c.request("POST", path, JAR, body);
        }
    }

    private static RawHttp.Response plainRequest(int port, String method, String path) throws Exception {
        try (RawHttp c = RawHttp.tcp(PLAIN_HOST, port)) {
            return c.request(method, path);
        }
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode n : list) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("nothing with " + field + "=" + value + " in " + list);
    }

    @Test
    public void routesAndJobsShowWhoServesAndWhatIsShadowed() throws Exception {
        Path socket = tmp.resolve("w.sock");
        startDaemon("unix://" + socket);
        TestRoutes.register(context, TestRoutes.answer("high"), 10);
        TestRoutes.register(context, TestRoutes.answer("low"), 5);
        Await.until("GET /test/x to be mounted", () -> unixRequest(socket, "GET", "/test/x").status() == 200);

        RawHttp.Response r = unixRequest(socket, "GET", "/_wharf/routes");
        assertEquals(r.toString(), 200, r.status());
        JsonNode routes = json(r);
        JsonNode ping = find(routes, "Path", "/_ping");
        assertEquals("system", ping.path("Group").asText());
        assertEquals("wharf.routes.system", ping.path("Bundle").asText());
        assertEquals(installed("wharf.routes.system").getVersion().toString(), ping.path("BundleVersion").asText());
        assertTrue(ping.path("Serving").asBoolean());

        List<JsonNode> testX = new ArrayList<>();
        routes.forEach(n -> {
            if (n.path("Path").asText().equals("/test/x")) {
                testX.add(n);
            }
        });
        assertEquals(routes.toString(), 2, testX.size());
        JsonNode serving = testX.get(0);
        assertEquals(10, serving.path("Ranking").asInt());
        assertTrue(serving.path("Serving").asBoolean());
        assertEquals(5, serving.path("Shadows").get(0).path("Ranking").asInt());
        JsonNode shadowed = testX.get(1);
        assertFalse(shadowed.path("Serving").asBoolean());
        assertEquals(10, shadowed.path("ShadowedBy").path("Ranking").asInt());
        assertEquals("test", shadowed.path("ShadowedBy").path("Group").asText());

        JsonNode serveApi = find(json(unixRequest(socket, "GET", "/_wharf/jobs")), "Name", "serveapi");
        assertEquals("wharf.server", serveApi.path("Bundle").asText());
        assertEquals(ServeApi.class.getName(), serveApi.path("Input").asText());
        assertEquals(Listening.class.getName(), serveApi.path("Output").asText());

        JsonNode bundles = json(unixRequest(socket, "GET", "/_wharf/bundles"));
        assertEquals("active", find(bundles, "Name", "wharf.routes.admin").path("State").asText());
        assertEquals(0, find(bundles, "Name", "org.apache.felix.framework").path("Id").asInt());
    }

    @Test
    public void aPostedRouteBundleIsLiveAtOnceSurvivesUpdatesUnderLoadAndGoesOnDelete() throws Exception {
        Path socket = tmp.resolve("w.sock");
        startDaemon("unix://" + socket);
        TestRoutes.register(context, TestRoutes.answer("steady"), 0);
        Await.until("GET /test/x to be mounted", () -> unixRequest(socket, "GET", "/test/x").status() == 200);
        assertEquals(404, unixRequest(socket, "GET", "/hot/x").status());

        long start = System.nanoTime();
        RawHttp.Response installed = post(socket, "/_wharf/bundles",
                TestBundles.routeBundle(TestBundles.HOT, "1.0.0", "/hot/x", 0));
        assertEquals(installed.toString(), 201, installed.status());
        Await.until("GET /hot/x to answer", () -> unixRequest(socket, "GET", "/hot/x").status() == 200);
        long liveMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("AdminIT: POST /_wharf/bundles to a live route took " + liveMillis + " ms");
        assertTrue("the route took " + liveMillis + " ms to go live", liveMillis < 1000);
        assertEquals(TestBundles.HOT, json(installed).path("Name").asText());
        assertEquals("active", json(installed).path("State").asText());

        Load load = new Load(socket, "/_ping", "/test/x");
        load.start();
        try {
            for (int i = 1; i <= UPDATES; i++) {
                String version = "1.0." + i;
                RawHttp.Response updated = post(socket, "/_wharf/bundles",
                        TestBundles.routeBundle(TestBundles.HOT, version, "/hot/x", 0));
                assertEquals(updated.toString(), 200, updated.status());
                assertEquals(version, json(updated).path("Version").asText());
                RawHttp.Response answer = unixRequest(socket, "GET", "/hot/x");
                assertEquals(answer.toString(), "{\"version\":\"" + version + "\"}\n", answer.body());
            }
        } finally {
            load.stop();
        }
        System.out.println("AdminIT: " + UPDATES + " updates while " + load.requests.get()
                + " requests went to other routes; errors: " + load.errors);
        assertTrue("the other routes took no requests", load.requests.get() > UPDATES);
        assertTrue("errors on other routes: " + load.errors, load.errors.isEmpty());

        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        assertTrue("stale wirings: " + wiring.getRemovalPendingBundles(), wiring.getRemovalPendingBundles().isEmpty());
        Bundle hot = installed(TestBundles.HOT);
        assertEquals("1.0." + UPDATES, hot.getVersion().toString());
        assertEquals("revisions still around: " + hot.adapt(BundleRevisions.class).getRevisions(), 1,
                hot.adapt(BundleRevisions.class).getRevisions().size());

        RawHttp.Response deleted = unixRequest(socket, "DELETE", "/_wharf/bundles/" + TestBundles.HOT);
        assertEquals(deleted.toString(), 200, deleted.status());
        assertEquals(404, unixRequest(socket, "GET", "/hot/x").status());
        for (Bundle b : context.getBundles()) {
            assertFalse("still installed: " + b, TestBundles.HOT.equals(b.getSymbolicName()));
        }
        assertTrue(wiring.getRemovalPendingBundles().isEmpty());
        assertEquals(404, unixRequest(socket, "DELETE", "/_wharf/bundles/" + TestBundles.HOT).status());
    }

    @Test
    public void aTcpCallerWithoutTlsIsForbiddenAndAVerifiedTlsClientIsServed() throws Exception {
        awaitDaemonParts();
        // serveapi keeps one listener per address asked for: the plain one asks for another loopback address
        int plain = tcpPort(serveApi(plain("tcp://127.0.0.2:0")));
        TestCertificates pki = TestCertificates.create();
        DockerTlsFiles server = pki.writeServer(tmp.resolve("server"), KeyFormat.EC_PKCS8);
        int tls = tcpPort(serveApi(new ServeApi(List.of("tcp://127.0.0.1:0"), false, false, null, "test", null, true,
                true, server.ca().toString(), server.cert().toString(), server.key().toString(), true)));
        acceptConnections();
        Await.until("the management routes to be mounted", () -> routeGroup("wharf"));

        for (String path : List.of("/_wharf/bundles", "/_wharf/routes", "/_wharf/jobs", "/v1.45/_wharf/routes")) {
            RawHttp.Response r = plainRequest(plain, "GET", path);
            assertEquals(r.toString(), 403, r.status());
            assertTrue(r.body(), json(r).path("message").asText().contains("only on unix sockets"));
        }
        try (RawHttp c = RawHttp.tcp(PLAIN_HOST, plain)) {
            RawHttp.Response r = c.request("POST", "/_wharf/bundles", JAR, new byte[] {1, 2, 3});
            assertEquals(r.toString(), 403, r.status());
        }
        assertEquals("the rest of the API stays open", 200, plainRequest(plain, "GET", "/_ping").status());

        SSLContext client = pki.clientContext(true);
        try (RawHttp c = RawHttp.tls(tls, client)) {
            RawHttp.Response r = c.request("GET", "/_wharf/bundles");
            assertEquals(r.toString(), 200, r.status());
            assertNotNull(find(json(r), "Name", "wharf.routes.admin"));
        }
    }

    @Test
    public void theApiRefusesToCutOffItsOwnBranchAndWhatIsNotABundle() throws Exception {
        Path socket = tmp.resolve("w.sock");
        startDaemon("unix://" + socket);
        Await.until("the management routes to be mounted", () -> routeGroup("wharf"));

        String[][] refused = {
            {"POST", "/_wharf/bundles/wharf.routes.admin/stop", "it serves this management API"},
            {"DELETE", "/_wharf/bundles/wharf.server", "the API server runs on it"},
            {"POST", "/_wharf/bundles/wharf.engine/stop", "the API server runs on it"},
            {"POST", "/_wharf/bundles/org.apache.felix.framework/stop", "it is the OSGi framework"},
            {"POST", "/_wharf/bundles/wharf.transport.unix/stop", "this request came through it"},
            {"DELETE", "/_wharf/bundles/com.fasterxml.jackson.core.jackson-databind", "depends on it"},
        };
        for (String[] call : refused) {
            RawHttp.Response r = unixRequest(socket, call[0], call[1]);
            assertEquals(r.toString(), 409, r.status());
            assertTrue(r.body(), json(r).path("message").asText().contains(call[2]));
        }
        for (String bsn : List.of("wharf.routes.admin", "wharf.server", "wharf.transport.unix")) {
            assertEquals(bsn, Bundle.ACTIVE, installed(bsn).getState());
        }
        RawHttp.Response selfUpdate = post(socket, "/_wharf/bundles",
                TestBundles.routeBundle("wharf.routes.admin", "9.9.9", "/hot/x", 0));
        assertEquals(selfUpdate.toString(), 409, selfUpdate.status());

        RawHttp.Response notABundle = post(socket, "/_wharf/bundles", "just text".getBytes(StandardCharsets.UTF_8));
        assertEquals(notABundle.toString(), 400, notABundle.status());
        assertTrue(notABundle.body(), json(notABundle).path("message").asText().startsWith("not a bundle"));
        assertEquals(404, unixRequest(socket, "POST", "/_wharf/bundles/no.such.bundle/start").status());

        // a bundle that is not part of the API's own branch can be stopped and started again
        RawHttp.Response stopped = unixRequest(socket, "POST", "/_wharf/bundles/wharf.routes.system/stop");
        assertEquals(stopped.toString(), "resolved", json(stopped).path("State").asText());
        assertEquals(404, unixRequest(socket, "GET", "/_ping").status());
        RawHttp.Response started = unixRequest(socket, "POST", "/_wharf/bundles/wharf.routes.system/start");
        assertEquals(started.toString(), "active", json(started).path("State").asText());
        assertEquals(200, unixRequest(socket, "GET", "/_ping").status());
    }

    /** Requests on other routes, one thread per path, each on a fresh connection, until stopped. */
    private static final class Load {
        private final Path socket;
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger requests = new AtomicInteger();
        final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

        Load(Path socket, String... paths) {
            this.socket = socket;
            for (String path : paths) {
                threads.add(new Thread(() -> run(path), "load " + path));
            }
        }

        void start() {
            threads.forEach(Thread::start);
        }

        private void run(String path) {
            while (running.get()) {
                try {
                    RawHttp.Response r = unixRequest(socket, "GET", path);
                    if (r.status() != 200) {
                        errors.add(path + ": " + r);
                    }
                } catch (Exception e) {
                    errors.add(path + ": " + e);
                }
                requests.incrementAndGet();
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(RawHttp.READ_TIMEOUT_MS * 2L);
            }
        }
    }
}
