package example.authz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wharf.server.api.AuthorizationPolicy.Decision;
import wharf.server.api.AuthorizationRequest;
import wharf.server.api.Peer;
import wharf.server.api.RequestBody;

/** The example rule, request by request, as the server hands them to the policy. */
class HostProtectionPolicyTest {
    private final HostProtectionPolicy policy = new HostProtectionPolicy();

    private static AuthorizationRequest request(String method, String uri, String body) {
        return new AuthorizationRequest(method, uri, Map.of("Content-Type", List.of("application/json")),
                new Peer(Peer.Transport.UNIX, false, "", 1000, 1000), "", "/run/wharf.sock", null,
                RequestBody.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    private Decision create(String body) throws Exception {
        return policy.authorize(request("POST", "/v1.47/containers/create?name=web", body));
    }

    @Test
    void aPrivilegedCreateIsRefused() throws Exception {
        Decision d = create("{\"Image\":\"busybox\",\"HostConfig\":{\"Privileged\":true}}");
        assertFalse(d.allowed());
        assertEquals(CreateRule.PRIVILEGED, d.message());
        assertFalse(create("{\"HostConfig\":{\"Privileged\":\"true\"}}").allowed(), "a string true is refused too");
    }

    @Test
    void bindsOfTheHostsRootAreRefusedInBothSpellings() throws Exception {
        for (String root : List.of("/", "//", "/.", "/tmp/..")) {
            assertEquals(CreateRule.ROOT_BIND, create("{\"HostConfig\":{\"Binds\":[\"/srv:/srv\",\"" + root
                    + ":/host:ro\"]}}").message(), root);
            assertEquals(CreateRule.ROOT_BIND, create("{\"HostConfig\":{\"Mounts\":[{\"Type\":\"bind\",\"Source\":\""
                    + root + "\",\"Target\":\"/host\"}]}}").message(), root);
        }
    }

    @Test
    void ordinaryCreatesAndOtherMountsAreAllowed() throws Exception {
        assertTrue(create("{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}").allowed());
        assertTrue(create("{\"HostConfig\":{\"Privileged\":false,\"Binds\":[\"/srv/data:/data\",\"vol:/\"]}}").allowed(),
                "a host directory below / and a named volume mounted at / are fine");
        assertTrue(create("{\"HostConfig\":{\"Mounts\":[{\"Type\":\"volume\",\"Source\":\"/\",\"Target\":\"/v\"},"
                + "{\"Type\":\"bind\",\"Source\":\"/srv\",\"Target\":\"/srv\"}]}}").allowed());
        assertTrue(create("").allowed(), "an empty body has nothing to refuse");
        assertFalse(create("[1]").allowed(), "a body that is not an object is refused");
    }

    @Test
    void otherRequestsAreNotLookedAt() throws Exception {
        String privileged = "{\"HostConfig\":{\"Privileged\":true}}";
        assertTrue(policy.authorize(request("GET", "/containers/create", privileged)).allowed());
        assertTrue(policy.authorize(request("POST", "/v1.47/containers/abc/start", privileged)).allowed());
        assertTrue(policy.authorize(request("POST", "/v1.47/containers/create/x", privileged)).allowed());
    }

    @Test
    void aBodyThatIsNotJsonMakesThePolicyFailSoTheServerRefuses() {
        assertThrows(JsonProcessingException.class, () -> create("{\"HostConfig\":"));
    }
}
