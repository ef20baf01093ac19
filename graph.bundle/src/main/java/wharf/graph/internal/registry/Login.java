package wharf.graph.internal.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;
import wharf.engine.api.Cancellation;
import wharf.engine.api.CancelledError;
import wharf.engine.api.SystemError;
import wharf.engine.api.UnauthorizedError;
import wharf.engine.api.image.AuthResult;

/**
 * {@code POST /auth} as dockerd's {@code loginV2}: {@code GET /v2/} with the credentials, after
 * the bearer challenge's token round when the registry has one. A registry that asks for no
 * authentication accepts any credentials, as dockerd reports it.
 */
final class Login {
    static final String SUCCEEDED = "Login Succeeded";

    private Login() {
    }

    static AuthResult check(RegistrySession session, BearerTokens tokens, Cancellation cancellation) {
        URI v2 = session.v2();
        int status = session.ping(cancellation);
        if (status == 200) {
            return new AuthResult("", SUCCEEDED);
        }
        if (status != 401) {
            throw new SystemError(failed(v2, status));
        }
        Credentials credentials = session.credentials();
        Optional<Challenge> bearer = session.challenges().stream().filter(Challenge::isBearer).findFirst();
        String authorization;
        String identityToken = "";
        if (bearer.isPresent()) {
            BearerTokens.Token token;
            try {
                token = tokens.login(bearer.get(), credentials);
            } catch (RegistryException e) {
                throw new UnauthorizedError(GoErrors.urlError("GET", v2, e.getMessage()), e);
            } catch (IOException e) {
                throw new SystemError(GoErrors.urlError("GET", v2, e.getMessage()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledError("interrupted", e);
            }
            authorization = "Bearer " + token.value();
            identityToken = token.refreshToken();
        } else if (session.challenges().stream().anyMatch(Challenge::isBasic)) {
            if (!credentials.hasBasic()) {
                throw new UnauthorizedError(GoErrors.urlError("GET", v2, "no basic auth credentials"));
            }
            authorization = credentials.basicHeader();
        } else {
            throw new UnauthorizedError(failed(v2, status));
        }
        HttpResponse<InputStream> response = session.sendAs("GET", v2, authorization, cancellation);
        RegistrySession.drain(response);
        if (response.statusCode() == 200) {
            return new AuthResult(identityToken, SUCCEEDED);
        }
        String message = failed(v2, response.statusCode());
        throw response.statusCode() == 401 ? new UnauthorizedError(message) : new SystemError(message);
    }

    /** dockerd's words for a login the registry did not accept. */
    private static String failed(URI v2, int status) {
        return "login attempt to " + v2 + " failed with status: " + status + " " + RegistryException.statusText(status);
    }
}
