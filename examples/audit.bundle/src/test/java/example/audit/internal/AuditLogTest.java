package example.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wharf.server.api.AuthorizationRequest;
import wharf.server.api.AuthorizationResponse;
import wharf.server.api.Peer;

/** The audit file on a real disk: one JSON line per answered request, private to the daemon, switched live. */
class AuditLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private static AuditConfig file(String path) {
        return new AuditConfig() {
            @Override
            public String file() {
                return path;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return AuditConfig.class;
            }
        };
    }

    private static AuthorizationRequest request(String method, String uri, Peer peer, String remote) {
        return new AuthorizationRequest(method, uri, Map.of(), peer, remote, "127.0.0.1:2376",
                Instant.parse("2026-11-27T16:05:01.000123400Z"), null);
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + l, e);
            }
        }).toList();
    }

    @Test
    void everyAnsweredRequestIsOneLineWithWhoWhatWhenWhereDecisionAndStatus() throws Exception {
        AuditLog log = new AuditLog(root, file("audit/requests.log"));
        assertTrue(log.authorize(request("GET", "/_ping", Peer.unknown(Peer.Transport.UNIX), "")).allowed());
        Peer unix = new Peer(Peer.Transport.UNIX, false, "", 1000, 1001);
        Peer tls = new Peer(Peer.Transport.TCP, true, "CN=alice,O=ops", Peer.UNKNOWN, Peer.UNKNOWN);
        log.onResponse(request("GET", "/v1.47/version", unix, ""), AuthorizationResponse.allowed(200));
        log.onResponse(request("POST", "/v1.47/containers/create?name=x", tls, "127.0.0.1:50123"),
                new AuthorizationResponse(403, "example.authz", "authorization denied by plugin example.authz: no"));
        log.close();

        Path file = root.resolve("audit/requests.log");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        List<JsonNode> lines = lines(file);
        assertEquals(2, lines.size());
        JsonNode first = lines.get(0);
        assertEquals("2026-11-27T16:05:01.000123400Z", first.path("time").asText());
        assertEquals("1000", first.path("user").asText());
        assertEquals("unix", first.path("peer").path("transport").asText());
        assertEquals(1001, first.path("peer").path("gid").asInt());
        assertEquals("GET", first.path("method").asText());
        assertEquals("/v1.47/version", first.path("uri").asText());
        assertEquals("allow", first.path("decision").asText());
        assertEquals(200, first.path("status").asInt());
        JsonNode second = lines.get(1);
        assertEquals("CN=alice,O=ops", second.path("user").asText());
        assertTrue(second.path("peer").path("tlsVerified").asBoolean());
        assertEquals("127.0.0.1:50123", second.path("remoteAddress").asText());
        assertEquals("127.0.0.1:2376", second.path("localAddress").asText());
        assertEquals("deny", second.path("decision").asText());
        assertEquals("example.authz", second.path("refusedBy").asText());
        assertEquals(403, second.path("status").asInt());
    }

    @Test
    void aNewFileTakesOverLiveAndTheOldOneKeepsItsLines() throws Exception {
        AuditLog log = new AuditLog(root, file("a.log"));
        log.onResponse(request("GET", "/a", Peer.unknown(Peer.Transport.UNIX), ""), AuthorizationResponse.allowed(200));
        Path other = root.resolve("elsewhere/b.log");
        log.modified(file(other.toString()));
        log.onResponse(request("GET", "/b", Peer.unknown(Peer.Transport.UNIX), ""), AuthorizationResponse.allowed(404));
        log.close();
        assertEquals(other, log.file());
        assertEquals(List.of("/a"), lines(root.resolve("a.log")).stream().map(n -> n.path("uri").asText()).toList());
        assertEquals(List.of("/b"), lines(other).stream().map(n -> n.path("uri").asText()).toList());
    }

    @Test
    void timesKeepAllNineDigits() {
        assertEquals("2026-01-02T03:04:05.000000000Z", AuditLine.rfc3339(Instant.parse("2026-01-02T03:04:05Z")));
        assertFalse(AuditLine.rfc3339(Instant.now()).contains("+"));
    }
}
