package wharf.graph.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import wharf.engine.api.ForbiddenError;
import wharf.engine.api.SystemError;
import wharf.engine.api.UnauthorizedError;

/** Error bodies read as distribution's client reads them; texts as dockerd passes them on. */
class RegistryExceptionTest {

    @Test
    void errorsListAsErrcodePrintsIt() {
        RegistryException e = of(404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\","
                + "\"detail\":{\"Tag\":\"1\"}}]}");
        assertEquals("manifest unknown: manifest unknown", e.getMessage());
        assertEquals("MANIFEST_UNKNOWN", e.firstCode());
        assertInstanceOf(SystemError.class, e.toJobError());
    }

    @Test
    void unauthorizedAndDeniedAreTyped() {
        RegistryException unauthorized = of(401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\",\"detail\":null}]}");
        assertEquals("unauthorized: authentication required", unauthorized.getMessage());
        assertInstanceOf(UnauthorizedError.class, unauthorized.toJobError());
        RegistryException denied = of(403, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"\"}]}");
        assertEquals("denied: requested access to the resource is denied", denied.getMessage());
        assertInstanceOf(ForbiddenError.class, denied.toJobError());
    }

    @Test
    void unknownCodesSeveralErrorsAndLegacyDetails() {
        assertEquals("unknown: teapot", of(418, "{\"errors\":[{\"code\":\"TEAPOT\",\"message\":\"teapot\"}]}").getMessage());
        assertEquals("errors:\nname unknown: repository name not known to registry\nunsupported: no\n",
                of(404, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\"},{\"code\":\"UNSUPPORTED\",\"message\":\"no\"}]}").getMessage());
        assertEquals("unauthorized: incorrect username or password",
                of(401, "{\"details\":\"incorrect username or password\"}").getMessage());
        assertEquals("toomanyrequests: slow down", of(429, "{\"details\":\"slow down\"}").getMessage());
    }

    @Test
    void bodiesWithoutErrors() {
        assertEquals("unauthorized: authentication required", of(401, "").getMessage());
        assertEquals("error parsing HTTP 404 response body: unexpected end of JSON input: \"\"", of(404, "").getMessage());
        assertEquals("received unexpected HTTP status: 502 Bad Gateway", of(502, "<html>").getMessage());
    }

    @Test
    void aBearerChallengeErrorComesFirst() {
        RegistryException e = RegistryException.of(401, Challenge.parse(List.of(
                "Bearer realm=\"r\",service=\"s\",error=\"insufficient_scope\"")),
                "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals("DENIED", e.firstCode());
        assertEquals("errors:\ndenied: requested access to the resource is denied\nunauthorized: authentication required\n",
                e.getMessage());
    }

    private static RegistryException of(int status, String body) {
        return RegistryException.of(status, List.of(), body.getBytes(StandardCharsets.UTF_8));
    }
}
