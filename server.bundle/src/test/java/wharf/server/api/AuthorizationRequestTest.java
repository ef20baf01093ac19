package wharf.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a policy gets beside the record's fields: the route path, headers by any case, the caller in one string. */
class AuthorizationRequestTest {
    private static AuthorizationRequest request(String uri, Peer peer) {
        return new AuthorizationRequest("POST", uri, Map.of("Content-Type", List.of("application/json")), peer, "", "",
                null, null);
    }

    @Test
    void thePathLosesTheQueryAndTheVersionPrefix() {
        Peer unix = new Peer(Peer.Transport.UNIX, false, "", 1000, 1000);
        assertEquals("/containers/create", request("/v1.47/containers/create?name=web", unix).path());
        assertEquals("/containers/create", request("/containers/create", unix).path());
        assertEquals("/", request("/v1.47", unix).path());
        assertEquals("/version", request("/version?x=/v1.2/", unix).path());
        assertEquals("/volumes/v1", request("/volumes/v1", unix).path(), "only a leading version segment goes");
    }

    @Test
    void headersAreFoundWhateverTheirCaseAndTheUserComesFromThePeer() throws Exception {
        AuthorizationRequest r = request("/x", new Peer(Peer.Transport.TCP, true, "CN=alice", Peer.UNKNOWN, Peer.UNKNOWN));
        assertEquals("application/json", r.header("content-type").orElseThrow());
        assertTrue(r.header("Accept").isEmpty());
        assertEquals("CN=alice", r.user());
        assertEquals("1000", request("/x", new Peer(Peer.Transport.UNIX, false, "", 1000, 1000)).user());
        assertEquals(0, r.body().open().readAllBytes().length, "no body given reads as empty");
    }
}
