package wharf.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import wharf.server.api.AuthorizationPolicy;
import wharf.server.api.AuthorizationRequest;
import wharf.server.api.AuthorizationResponse;
import wharf.server.api.Peer;
import wharf.server.api.Route;

/**
 * The authorization SPI in the real framework: a policy sees the caller, the full body of a large
 * streamed upload (which the handler then gets byte for byte), only the headers of a connection
 * taken over, and the status of every answer; the first refusal wins; a policy that throws refuses.
 */
@RunWith(PaxExam.class)
public class AuthorizationIT extends WharfTestSupport {
    /** Larger than the 1 MiB the server keeps in memory: the body spills to a temporary file. */
    private static final int LARGE = 3 * 1024 * 1024 + 123;

    /** Remembers what it saw: each request's digest of the body, and each outcome. */
    private static final class Recorder implements AuthorizationPolicy {
        final Map<String, String> digests = new ConcurrentHashMap<>();
        final Map<String, Peer> peers = new ConcurrentHashMap<>();
        final Map<String, Boolean> withheld = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();

        @Override
        public Decision authorize(AuthorizationRequest request) throws Exception {
            try (InputStream body = request.body().open()) {
                digests.put(request.path(), sha256(body));
            }
            peers.put(request.path(), request.peer());
            withheld.put(request.path(), request.body().withheld());
            return request.path().equals("/test/forbidden") ? Decision.deny("not this one") : Decision.allow();
        }

        @Override
        public void onResponse(AuthorizationRequest request, AuthorizationResponse response) {
            outcomes.add(request.path() + " " + response.status() + " " + (response.allowed() ? "allowed"
                    : "refused by " + response.refusedBy()));
        }
    }

    private ServiceRegistration<AuthorizationPolicy> policy(AuthorizationPolicy policy, String name, int ranking) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(AuthorizationPolicy.NAME, name);
        props.put(Constants.SERVICE_RANKING, ranking);
        return context.registerService(AuthorizationPolicy.class, policy, props);
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[8192];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private void routes() {
        TestRoutes.register(context, () -> List.of(
                Route.get("/test/ready", (req, resp) -> resp.status(204)),
                Route.get("/test/forbidden", (req, resp) -> resp.status(204)),
                Route.post("/test/digest", (req, resp) -> {
                    try (InputStream body = req.body()) {
                        resp.json(Map.of("sha256", sha256(body)));
                    }
                }),
                Route.post("/test/hijack", (req, resp) -> resp.hijack(TestRoutes.RAW_STREAM, (in, out) -> {
                    out.write(in.readAllBytes());
                    out.close();
                }))), 0);
    }

    @Test
    public void aPolicySeesTheWholeStreamedUploadAndTheHandlerGetsTheSameBytes() throws Exception {
        Path socket = tmp.resolve("w.sock");
        startDaemon("unix://" + socket);
        routes();
        Recorder recorder = new Recorder();
        policy(recorder, "recorder", 0);
        Await.until("the test routes", () -> unixRequest(socket, "GET", "/test/ready").status() == 204);

        byte[] upload = new byte[LARGE];
        new Random(7).nextBytes(upload);
        String expected;
        try (InputStream in = new java.io.ByteArrayInputStream(upload)) {
            expected = sha256(in);
        }
        RawHttp.Response answer;
        try (RawHttp c = RawHttp.unix(socket)) {
            // chunked, as docker load and build send their bodies: no length up front
            c.send("POST /v1.47/test/digest HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-tar\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            for (int off = 0; off < upload.length; off += 64 * 1024) {
                int n = Math.min(64 * 1024, upload.length - off);
                c.send(Integer.toHexString(n) + "\r\n");
                c.send(java.util.Arrays.copyOfRange(upload, off, off + n));
                c.send("\r\n");
            }
            c.send("0\r\n\r\n");
            answer = c.readResponse(false);
        }
        assertEquals(answer.toString(), 200, answer.status());
        assertEquals("the policy read the whole body", expected, recorder.digests.get("/test/digest"));
        assertEquals("the handler got the same bytes", "{\"sha256\":\"" + expected + "\"}\n", answer.body());

        Peer peer = recorder.peers.get("/test/digest");
        assertEquals(Peer.Transport.UNIX, peer.transport());
        assertEquals("the caller's uid by SO_PEERCRED", Files.getAttribute(socket, "unix:uid"), peer.uid());
        // the policies hear the outcome, and the spilled body goes, once the answer is out
        Await.until("the outcome", () -> recorder.outcomes.contains("/test/digest 200 allowed"));
        Await.until("the spilled body to be deleted", () -> {
            try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                return files.noneMatch(p -> p.getFileName().toString().startsWith("wharf-body-"));
            }
        });
    }

    @Test
    public void aConnectionTakenOverShowsPoliciesItsHeadersOnlyAndTheSessionGetsEveryByte() throws Exception {
        Path socket = tmp.resolve("w.sock");
        startDaemon("unix://" + socket);
        routes();
        Recorder recorder = new Recorder();
        policy(recorder, "recorder", 0);
        Await.until("the test routes", () -> unixRequest(socket, "GET", "/test/ready").status() == 204);

        try (RawHttp c = RawHttp.unix(socket)) {
            c.send("POST /test/hijack HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nearly bytes\n");
            RawHttp.Response upgraded = c.readHead();
            assertEquals(upgraded.toString(), 101, upgraded.status());
            c.send("later bytes\n");
            c.shutdownOutput();
            assertEquals("early bytes\nlater bytes\n", c.readToEof());
        }
        assertEquals(Boolean.TRUE, recorder.withheld.get("/test/hijack"));
        assertEquals("an empty body, never the live stream",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", recorder.digests.get("/test/hijack"));
        Await.until("the outcome of the hijack", () -> recorder.outcomes.contains("/test/hijack 101 allowed"));
    }

    @Test
    public void theFirstRefusalWinsEveryPolicyHearsTheOutcomeAndAFailingPolicyRefuses() throws Exception {
        Path socket = tmp.resolve("w.sock");
        startDaemon("unix://" + socket);
        routes();
        Recorder high = new Recorder();
        Recorder low = new Recorder();
        policy(high, "high", 10);
        policy(low, "low", 1);
        Await.until("the test routes", () -> unixRequest(socket, "GET", "/test/ready").status() == 204);

        RawHttp.Response refused = unixRequest(socket, "GET", "/v1.47/test/forbidden");
        assertEquals(403, refused.status());
        assertEquals("{\"message\":\"authorization denied by plugin high: not this one\"}\n", refused.body());
        assertTrue("the lower policy was not asked", !low.digests.containsKey("/test/forbidden"));
        Await.until("the lower policy to hear the refusal", () -> low.outcomes.contains("/test/forbidden 403 refused by high"));
        RawHttp.Response old = unixRequest(socket, "GET", "/v1.23/test/forbidden");
        assertEquals("plain text below API 1.24, as dockerd", "authorization denied by plugin high: not this one\n",
                old.body());

        ServiceRegistration<AuthorizationPolicy> failing = policy(request -> {
            throw new IOException("policy store unreachable");
        }, "broken", 20);
        RawHttp.Response failed = unixRequest(socket, "GET", "/test/ready");
        assertEquals("fails closed", 500, failed.status());
        assertEquals("{\"message\":\"plugin broken failed with error: policy store unreachable\"}\n", failed.body());
        Await.until("the failure's outcome", () -> high.outcomes.contains("/test/ready 500 refused by broken"));
        failing.unregister();
        high.outcomes.clear();
        assertEquals(204, unixRequest(socket, "GET", "/test/ready").status());
        Await.until("the allowed outcome", () -> high.outcomes.contains("/test/ready 204 allowed"));
    }
}
