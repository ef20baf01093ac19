package example.authz.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;
import wharf.server.api.AuthorizationPolicy;
import wharf.server.api.AuthorizationRequest;

/**
 * An authorization policy: a container created privileged, or with the host's root bind-mounted,
 * would own the host, so {@code POST /containers/create} asking for either is refused; every other
 * request is allowed. The client gets dockerd's answer: {@code 403} and
 * {@code authorization denied by plugin example.authz: <why>}.
 * <p>
 * It fails closed: a create body that is not JSON makes it throw, and the server refuses a
 * request whose policy failed.
 */
@Component(property = AuthorizationPolicy.NAME + "=" + HostProtectionPolicy.NAME)
public final class HostProtectionPolicy implements AuthorizationPolicy {
    static final String NAME = "example.authz";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Decision authorize(AuthorizationRequest request) throws IOException {
        if (!request.method().equals("POST") || !request.path().equals("/containers/create")) {
            return Decision.allow();
        }
        JsonNode create;
        try (InputStream body = request.body().open()) {
            create = JSON.readTree(body);
        }
        return CreateRule.check(create);
    }
}
