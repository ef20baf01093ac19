package wharf.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import wharf.engine.api.Engine;
import wharf.engine.api.JobType;
import wharf.engine.api.NotFoundError;
import wharf.server.api.Route;
import wharf.server.api.RouteGroup;

/**
 * The example extensions (examples/) in the real framework, each installed while the daemon runs:
 * the authorization policy refuses a privileged create with dockerd's answer and stops doing so
 * once uninstalled; the audit log writes a line per request; /metrics counts requests and jobs.
 * There are no container routes yet, so the test registers {@code POST /containers/create}
 * answering 201 when a request gets through.
 */
@RunWith(PaxExam.class)
public class ExtensionsIT extends WharfTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";
    private static final String PRIVILEGED = "{\"Image\":\"busybox\",\"HostConfig\":{\"Privileged\":true}}";
    private static final String ROOT_BIND = "{\"Image\":\"busybox\",\"HostConfig\":{\"Binds\":[\"/:/host\"]}}";
    private static final String PLAIN = "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}";

    private ServiceRegistration<RouteGroup> createRoute() {
        return TestRoutes.register(context, () -> List.of(Route.post("/containers/create",
                (req, resp) -> resp.json(201, Map.of("Id", "created", "Warnings", List.of())))), 0);
    }

    private static RawHttp.Response create(Path socket, String body) throws Exception {
        try (RawHttp c = RawHttp.unix(socket)) {
            return c.request("POST", "/v1.47/containers/create?name=x", JSON_TYPE, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    public void theAuthzExampleRefusesPrivilegedCreatesUntilItIsUninstalled() throws Exception {
        Path socket = tmp.resolve("w.sock");
        startDaemon("unix://" + socket);
        createRoute();
        Await.until("the create route", () -> create(socket, PLAIN).status() == 201);
        assertEquals("allowed before the policy is there", 201, create(socket, PRIVILEGED).status());

        Bundle authz = Examples.install(context, Examples.AUTHZ);
        Await.until("the example policy", () -> Examples.policy(context, "example.authz"));
        RawHttp.Response refused = create(socket, PRIVILEGED);
        assertEquals(refused.toString(), 403, refused.status());
        assertEquals(JSON_TYPE, refused.header("Content-Type"));
        assertEquals("{\"message\":\"authorization denied by plugin example.authz: privileged containers are not"
                + " allowed\"}\n", refused.body());
        RawHttp.Response rootBind = create(socket, ROOT_BIND);
        assertEquals(rootBind.toString(), 403, rootBind.status());
        assertTrue(rootBind.body(), rootBind.body().contains("bind mounts of the host's root (/) are not allowed"));
        assertEquals("an ordinary create gets through, body and all", 201, create(socket, PLAIN).status());
        assertEquals("other requests are not looked at", 200, unixRequest(socket, "GET", "/_ping").status());

        // fail closed: the policy cannot read this body and throws, so the request is refused
        RawHttp.Response broken = create(socket, "{\"HostConfig\":");
        assertEquals(broken.toString(), 500, broken.status());
        assertTrue(broken.body(), broken.body().startsWith("{\"message\":\"plugin example.authz failed with error: "));

        authz.uninstall();
        assertFalse(Examples.policy(context, "example.authz"));
        assertEquals("allowed again once the policy is gone", 201, create(socket, PRIVILEGED).status());
    }

    @Test
    public void theAuditExampleWritesALinePerRequestWithWhoWhatWhenWhereDecisionAndStatus() throws Exception {
        Path socket = tmp.resolve("w.sock");
        startDaemon("unix://" + socket);
        createRoute();
        Await.until("the create route", () -> create(socket, PLAIN).status() == 201);
        Examples.install(context, Examples.AUDIT);
        Examples.install(context, Examples.AUTHZ);
        Await.until("the audit and authz policies",
                () -> Examples.policy(context, "example.audit") && Examples.policy(context, "example.authz"));
        Path log = Path.of(context.getProperty("wharf.data.root")).resolve("audit/requests.log");

        assertEquals(200, unixRequest(socket, "GET", "/v1.47/version").status());
        assertEquals(403, create(socket, PRIVILEGED).status());
        assertEquals(404, unixRequest(socket, "GET", "/no/such/route").status());

        // each line is written once its answer is out, so they need not come in the order of the requests
        List<String> lines = Await.until("three audit lines", () -> Files.readAllLines(log), l -> l.size() >= 3);
        assertEquals(String.join("\n", lines), 3, lines.size());
        JsonNode version = line(lines, "/v1.47/version");
        assertEquals("GET", version.path("method").asText());
        assertEquals("/v1.47/version", version.path("uri").asText());
        assertEquals("allow", version.path("decision").asText());
        assertEquals(200, version.path("status").asInt());
        assertEquals("unix", version.path("peer").path("transport").asText());
        int uid = (Integer) Files.getAttribute(log, "unix:uid");
        assertEquals("the caller is this process, by SO_PEERCRED", uid, version.path("peer").path("uid").asInt());
        assertEquals(Integer.toString(uid), version.path("user").asText());
        assertEquals(socket.toString(), version.path("localAddress").asText());
        assertTrue(version.path("time").asText(),
                version.path("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z"));
        JsonNode refused = line(lines, "/v1.47/containers/create?name=x");
        assertEquals("deny", refused.path("decision").asText());
        assertEquals("example.authz", refused.path("refusedBy").asText());
        assertEquals(403, refused.path("status").asInt());
        assertEquals(404, line(lines, "/no/such/route").path("status").asInt());
    }

    private static JsonNode line(List<String> lines, String uri) throws Exception {
        for (String l : lines) {
            JsonNode n = JSON.readTree(l);
            if (uri.equals(n.path("uri").asText())) {
                return n;
            }
        }
        throw new AssertionError("no audit line for " + uri + " in\n" + String.join("\n", lines));
    }

    @Test
    public void theMetricsExampleCountsRequestsByRouteAndStatusAndJobsByKind() throws Exception {
        Path socket = tmp.resolve("w.sock");
        startDaemon("unix://" + socket);
        Examples.install(context, Examples.METRICS);
        Await.until("GET /metrics", () -> unixRequest(socket, "GET", "/metrics").status() == 200);
        JobType<String, String> echo = JobType.of("itest_echo", String.class, String.class);
        Engine.Registration job = engine.register(echo, j -> {
            if (j.input().isEmpty()) {
                throw new NotFoundError("nothing to echo");
            }
            return j.input();
        });

        for (int i = 0; i < 3; i++) {
            assertEquals(200, unixRequest(socket, "GET", "/v1.47/_ping").status());
        }
        assertEquals(404, unixRequest(socket, "GET", "/no/such/route").status());
        engine.run(echo, "x");
        try {
            engine.run(echo, "");
        } catch (NotFoundError expected) {
            // counted as an error of kind not_found
        }
        RawHttp.Response first = scrapeUntil(socket, body -> body.contains(
                "wharf_api_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1"));
        assertEquals("text/plain; version=0.0.4; charset=utf-8", first.header("Content-Type").toLowerCase());
        String text = first.body();
        long pings = sample(text, "wharf_api_requests_total{method=\"GET\",route=\"/_ping\",status=\"200\"}");
        assertTrue(text, pings >= 3);
        assertEquals(text, 1, sample(text, "wharf_api_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"}"));
        assertEquals(pings, sample(text,
                "wharf_api_request_duration_seconds_bucket{method=\"GET\",route=\"/_ping\",le=\"+Inf\"}"));
        assertEquals(2, sample(text, "wharf_jobs_total{job=\"itest_echo\"}"));
        assertEquals(1, sample(text, "wharf_job_errors_total{job=\"itest_echo\",kind=\"not_found\"}"));
        assertTrue(text, sample(text, "jvm_threads_live") > 0);

        unixRequest(socket, "GET", "/_ping");
        String again = scrapeUntil(socket, body -> body.contains(
                "wharf_api_requests_total{method=\"GET\",route=\"/_ping\",status=\"200\"} " + (pings + 1))).body();
        assertEquals("the counter went up", pings + 1,
                sample(again, "wharf_api_requests_total{method=\"GET\",route=\"/_ping\",status=\"200\"}"));
        assertTrue(again, sample(again, "wharf_api_requests_total{method=\"GET\",route=\"/metrics\",status=\"200\"}") >= 1);
        assertTrue("the scrape is a job too", sample(again, "wharf_jobs_total{job=\"metrics\"}") >= 2);
        job.close();
    }

    /**
     * Scrapes until the text shows what is expected, for a bounded time: a request is counted
     * when its filter chain returns, which may be just after the client has read the answer.
     */
    private static RawHttp.Response scrapeUntil(java.nio.file.Path socket, java.util.function.Predicate<String> ready)
            throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        RawHttp.Response r = unixRequest(socket, "GET", "/metrics");
        while (!ready.test(r.body()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            r = unixRequest(socket, "GET", "/metrics");
        }
        return r;
    }

    /** The value of the sample line with exactly this name and these labels. */
    private static long sample(String text, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(text);
        if (!m.find()) {
            throw new AssertionError("no sample " + series + " in\n" + text);
        }
        return (long) Double.parseDouble(m.group(1));
    }
}
