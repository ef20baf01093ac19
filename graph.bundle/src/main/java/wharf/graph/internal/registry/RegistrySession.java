package wharf.graph.internal.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import wharf.engine.api.Cancellation;
import wharf.engine.api.CancelledError;
import wharf.engine.api.SystemError;
import wharf.engine.api.UnauthorizedError;

/**
 * One registry and repository with one set of credentials, for one pull, push or login. It
 * starts as dockerd does, with {@code GET /v2/} to learn how the registry authenticates; each
 * request then carries what the challenge asks for (a bearer token for the session's scope, or
 * Basic credentials), and a 401 on the way (a token that lapsed, a registry that challenges
 * only some paths) gets one retry with fresh authorization. Redirects of GET and HEAD (blob
 * downloads go to storage backends) are followed here, dropping the registry's Authorization
 * header when they leave its origin. Safe for concurrent requests.
 */
final class RegistrySession {
    private static final int MAX_REDIRECTS = 5;
    /** How much of an error body is read for its message. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final HttpClient http;
    private final BearerTokens tokens;
    private final String userAgent;
    private final Duration timeout;
    private final URI base;
    private final String repository;
    private final List<String> scopes;
    private final Credentials credentials;
    private volatile List<Challenge> challenges = List.of();

    /**
     * @param repository the repository path ({@code library/busybox}), or null for a session that
     *                   only checks credentials
     * @param actions    what the session does to the repository: {@code pull}, {@code push}
     */
    RegistrySession(HttpClient http, BearerTokens tokens, String userAgent, Duration timeout, URI base,
            String repository, List<String> actions, Credentials credentials) {
        this.http = http;
        this.tokens = tokens;
        this.userAgent = userAgent;
        this.timeout = timeout;
        this.base = base;
        this.repository = repository;
        this.scopes = repository == null ? List.of() : List.of("repository:" + repository + ":" + String.join(",", actions));
        this.credentials = credentials;
    }

    URI base() {
        return base;
    }

    /** {@code <base>/v2/} */
    URI v2() {
        return base.resolve("/v2/");
    }

    /** {@code <base>/v2/<repository>/<rest>} */
    URI repositoryUri(String rest) {
        return base.resolve("/v2/" + repository + "/" + rest);
    }

    Credentials credentials() {
        return credentials;
    }

    List<Challenge> challenges() {
        return challenges;
    }

    /**
     * {@code GET /v2/} without credentials, keeping the challenges of a 401. Any answer will do:
     * only an unreachable registry fails, with dockerd's message naming {@code /v2/}.
     */
    int ping(Cancellation cancellation) {
        URI uri = v2();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", userAgent).GET().build();
        HttpResponse<InputStream> response = exchange(request, cancellation);
        drain(response);
        if (response.statusCode() == 401) {
            challenges = Challenge.parse(response.headers().allValues("WWW-Authenticate"));
        }
        return response.statusCode();
    }

    /**
     * Sends a request with the session's authorization and returns the response whatever its
     * status; the caller reads or closes its body.
     *
     * @param body null for none; called again for the retry after a 401
     * @throws UnauthorizedError when the registry wants Basic auth and there are no credentials,
     *                           or the token realm refuses them
     * @throws SystemError       when the registry cannot be reached
     */
    HttpResponse<InputStream> send(String method, URI uri, Map<String, String> headers,
            Supplier<HttpRequest.BodyPublisher> body, Cancellation cancellation) {
        boolean retried = false;
        while (true) {
            String authorization = authorization(method, uri);
            HttpResponse<InputStream> response = followRedirects(method, uri, headers, body, authorization, cancellation);
            if (response.statusCode() != 401 || retried) {
                return response;
            }
            List<Challenge> offered = Challenge.parse(response.headers().allValues("WWW-Authenticate"));
            boolean answerable = offered.stream().anyMatch(c -> c.isBearer() || (c.isBasic() && authorization == null));
            if (!answerable) {
                return response;
            }
            drain(response);
            if (authorization != null && authorization.startsWith("Bearer ")) {
                bearer().ifPresent(c -> tokens.forget(c, scopes, credentials));
            }
            challenges = offered;
            retried = true;
        }
    }

    /** {@link #send} without a body. */
    HttpResponse<InputStream> send(String method, URI uri, Map<String, String> headers, Cancellation cancellation) {
        return send(method, uri, headers, null, cancellation);
    }

    /**
     * Sends a request with exactly the Authorization given (null for none), for a login that
     * checks one set of credentials rather than the session's flow.
     */
    HttpResponse<InputStream> sendAs(String method, URI uri, String authorization, Cancellation cancellation) {
        return followRedirects(method, uri, Map.of(), null, authorization, cancellation);
    }

    /** The registry's error answer as an exception; closes the body. */
    static RegistryException failure(HttpResponse<InputStream> response) {
        byte[] body;
        try (InputStream in = response.body()) {
            body = "HEAD".equals(response.request().method()) ? new byte[0] : in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            body = new byte[0];
        }
        return RegistryException.of(response.statusCode(),
                Challenge.parse(response.headers().allValues("WWW-Authenticate")), body);
    }

    /** Closes a body whose content does not matter. */
    static void drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.skip(MAX_ERROR_BODY);
        } catch (IOException e) {
            // the connection goes back or is dropped either way
        }
    }

    /**
     * What to put in the Authorization header for this request: nothing when the registry
     * asked for nothing, else what its challenge names.
     */
    private String authorization(String method, URI uri) {
        if (!sameOrigin(uri, base)) {
            return null;
        }
        var bearer = bearer();
        if (bearer.isPresent()) {
            try {
                return "Bearer " + tokens.token(bearer.get(), scopes, credentials);
            } catch (RegistryException e) {
                throw new UnauthorizedError(GoErrors.urlError(method, uri, e.getMessage()), e);
            } catch (IOException e) {
                throw new SystemError(GoErrors.urlError(method, uri, e.getMessage()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledError("interrupted while fetching a registry token", e);
            }
        }
        if (challenges.stream().anyMatch(Challenge::isBasic)) {
            if (!credentials.hasBasic()) {
                throw new UnauthorizedError(GoErrors.urlError(method, uri, "no basic auth credentials"));
            }
            return credentials.basicHeader();
        }
        return null;
    }

    private Optional<Challenge> bearer() {
        return challenges.stream().filter(Challenge::isBearer).findFirst();
    }

    private HttpResponse<InputStream> followRedirects(String method, URI uri, Map<String, String> headers,
            Supplier<HttpRequest.BodyPublisher> body, String authorization, Cancellation cancellation) {
        URI target = uri;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(timeout).header("User-Agent", userAgent)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body.get());
            headers.forEach(b::header);
            if (authorization != null && sameOrigin(target, base)) {
                b.header("Authorization", authorization);
            }
            HttpResponse<InputStream> response = exchange(b.build(), cancellation);
            int status = response.statusCode();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            var location = response.headers().firstValue("Location");
            if (!redirect || location.isEmpty() || !(method.equals("GET") || method.equals("HEAD"))) {
                return response;
            }
            drain(response);
            if (hop >= MAX_REDIRECTS) {
                throw new SystemError(GoErrors.urlError(method, target, "stopped after " + MAX_REDIRECTS + " redirects"));
            }
            target = target.resolve(location.get());
        }
    }

    /** One HTTP exchange that the job's cancellation aborts; transport failures in Go's words. */
    private HttpResponse<InputStream> exchange(HttpRequest request, Cancellation cancellation) {
        CompletableFuture<HttpResponse<InputStream>> future =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        try (var onCancel = cancellation.onCancel(() -> future.cancel(true))) {
            return future.get();
        } catch (CancellationException e) {
            throw new CancelledError("the caller went away");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancelledError("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SystemError(GoErrors.urlError(request.method(), request.uri(),
                    GoErrors.transport(request.uri(), cause)), cause);
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }
}
