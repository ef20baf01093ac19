package wharf.routes.system.internal;

import java.io.IOException;
import wharf.engine.api.Engine;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.image.AuthConfig;
import wharf.engine.api.image.ImageJobs;
import wharf.server.api.ApiRequest;
import wharf.server.api.ApiResponse;
import wharf.server.api.Handler;

/**
 * {@code POST /auth}, what {@code docker login} calls: the image backend checks the credentials
 * in the body against the registry they name and answers
 * {@code {"IdentityToken":"","Status":"Login Succeeded"}}; refused credentials are its 401.
 */
final class AuthHandler implements Handler {
    private final Engine engine;

    AuthHandler(Engine engine) {
        this.engine = engine;
    }

    @Override
    public void handle(ApiRequest req, ApiResponse resp) throws IOException {
        AuthConfig credentials = req.json(AuthConfig.class);
        if (credentials == null) {
            throw new InvalidParameterError("the request body must hold the credentials to check");
        }
        resp.json(engine.run(ImageJobs.AUTH, credentials));
    }
}
