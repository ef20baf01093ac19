package wharf.routes.system.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import wharf.engine.api.Engine;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.UnauthorizedError;
import wharf.engine.api.image.AuthConfig;
import wharf.engine.api.image.AuthResult;
import wharf.engine.api.image.ImageJobs;
import wharf.server.api.ApiRequest;
import wharf.server.api.ApiResponse;

/** {@code POST /auth} against an engine that answers the {@code auth} job with canned results. */
class AuthHandlerTest {
    private final List<Object> jobInputs = new ArrayList<>();
    private final List<Object> written = new ArrayList<>();

    @Test
    void passesTheBodysCredentialsToTheAuthJobAndAnswersItsResult() throws Exception {
        AuthConfig sent = new AuthConfig("user", "pass", null, null, "127.0.0.1:5000", null, null);
        AuthResult ok = new AuthResult("", "Login Succeeded");
        new AuthHandler(engine(ok, null)).handle(request(sent), response());
        assertEquals(List.of(sent), jobInputs);
        assertEquals(List.of(ok), written);
    }

    @Test
    void refusedCredentialsAreTheJobsError() {
        AuthConfig sent = new AuthConfig("user", "wrong", null, null, "127.0.0.1:5000", null, null);
        UnauthorizedError refused = new UnauthorizedError(
                "login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized");
        UnauthorizedError e = assertThrows(UnauthorizedError.class,
                () -> new AuthHandler(engine(null, refused)).handle(request(sent), response()));
        assertEquals(refused, e);
        assertEquals(List.of(), written);
    }

    @Test
    void aMissingBodyIsRefusedWithoutRunningTheJob() {
        assertThrows(InvalidParameterError.class,
                () -> new AuthHandler(engine(null, null)).handle(request(null), response()));
        assertEquals(List.of(), jobInputs);
        assertEquals(List.of(), written);
    }

    private Engine engine(AuthResult result, RuntimeException failure) {
        return (Engine) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Engine.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("run") || args[0] != ImageJobs.AUTH) {
                        throw new UnsupportedOperationException(method.toString());
                    }
                    jobInputs.add(args[1]);
                    if (failure != null) {
                        throw failure;
                    }
                    return result;
                });
    }

    private static ApiRequest request(AuthConfig body) {
        return (ApiRequest) Proxy.newProxyInstance(AuthHandlerTest.class.getClassLoader(),
                new Class<?>[] {ApiRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("json") && args[0] == AuthConfig.class) {
                        return body;
                    }
                    throw new UnsupportedOperationException(method.toString());
                });
    }

    private ApiResponse response() {
        return (ApiResponse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ApiResponse.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("json") && args.length == 1) {
                        written.add(args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.toString());
                });
    }
}
