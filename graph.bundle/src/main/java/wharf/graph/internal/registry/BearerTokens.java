package wharf.graph.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The token half of the registry's bearer flow (the distribution token spec): a challenge names
 * a realm and a service, the client asks the realm for a token covering the scopes it needs,
 * showing its credentials as Basic auth (or an OAuth refresh token from an earlier login), and
 * sends the token to the registry. Tokens are kept per realm, service, scopes and credentials
 * until shortly before they expire.
 */
final class BearerTokens {
    /** distribution's floor: a token response that promises less is taken to last this long. */
    private static final Duration MIN_LIFETIME = Duration.ofSeconds(60);
    /** Renew this long before expiry, so a token does not lapse between check and use. */
    private static final Duration MARGIN = Duration.ofSeconds(5);
    private static final int MAX_RESPONSE = 1 << 20;
    static final String CLIENT_ID = "docker";

    /** A token and what came with it. */
    record Token(String value, Instant expires, String refreshToken) {
    }

    private record Key(String realm, String service, String scopes, String credentials) {
    }

    private final HttpClient http;
    private final Clock clock;
    private final String userAgent;
    private final Duration timeout;
    private final Map<Key, Token> cache = new ConcurrentHashMap<>();
    private final Map<Key, CompletableFuture<Token>> fetching = new ConcurrentHashMap<>();

    BearerTokens(HttpClient http, Clock clock, String userAgent, Duration timeout) {
        this.http = http;
        this.clock = clock;
        this.userAgent = userAgent;
        this.timeout = timeout;
    }

    /**
     * A token for these scopes: the cached one while it lasts, else a new one from the realm.
     *
     * @throws RegistryException when the realm refuses (a 401 for wrong credentials)
     * @throws IOException       when the realm cannot be reached; the message is Go's wording
     */
    String token(Challenge challenge, List<String> scopes, Credentials credentials)
            throws IOException, InterruptedException {
        if (credentials.hasRegistryToken()) {
            return credentials.registryToken();
        }
        Key key = key(challenge, scopes, credentials);
        while (true) {
            Token cached = valid(cache.get(key));
            if (cached != null) {
                return cached.value();
            }
            CompletableFuture<Token> mine = new CompletableFuture<>();
            CompletableFuture<Token> other = fetching.putIfAbsent(key, mine);
            if (other != null) {
                // another request of the same session is fetching this very token: share it
                try {
                    return other.get().value();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    // the other fetch was interrupted: fetch for this request
                    continue;
                }
            }
            try {
                Token token = valid(cache.get(key));
                if (token == null) {
                    token = fetch(challenge, scopes, credentials, false);
                    cache.put(key, token);
                }
                mine.complete(token);
                return token.value();
            } catch (IOException | RuntimeException | InterruptedException e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                fetching.remove(key, mine);
            }
        }
    }

    private Token valid(Token token) {
        return token != null && clock.instant().isBefore(token.expires().minus(MARGIN)) ? token : null;
    }

    /** Drops the cached token, after the registry refused it. */
    void forget(Challenge challenge, List<String> scopes, Credentials credentials) {
        cache.remove(key(challenge, scopes, credentials));
    }

    /**
     * A token for no scope at all, asking for a refresh token too: what {@code docker login}
     * does to check credentials and obtain an identity token.
     */
    Token login(Challenge challenge, Credentials credentials) throws IOException, InterruptedException {
        return fetch(challenge, List.of(), credentials, true);
    }

    private Token fetch(Challenge challenge, List<String> scopes, Credentials credentials, boolean offline)
            throws IOException, InterruptedException {
        String realm = challenge.parameter("realm");
        URI realmUri;
        try {
            realmUri = URI.create(realm);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid token realm: " + realm, e);
        }
        if (!"https".equals(realmUri.getScheme()) && !"http".equals(realmUri.getScheme())) {
            throw new IOException("invalid token realm: " + realm);
        }
        String service = challenge.parameter("service");
        HttpRequest request = credentials.hasIdentityToken()
                ? refreshRequest(realmUri, service, scopes, credentials, offline)
                : getRequest(realmUri, service, scopes, credentials, offline);
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IOException(GoErrors.urlError(request.method(), request.uri(),
                    GoErrors.transport(request.uri(), e)), e);
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_RESPONSE);
        }
        if (response.statusCode() != 200) {
            throw RegistryException.of(response.statusCode(),
                    Challenge.parse(response.headers().allValues("WWW-Authenticate")), body);
        }
        return parse(body);
    }

    /** The token spec's GET, credentials as Basic auth. */
    private HttpRequest getRequest(URI realm, String service, List<String> scopes, Credentials credentials,
            boolean offline) {
        List<String> query = new ArrayList<>();
        if (!service.isEmpty()) {
            query.add("service=" + encode(service));
        }
        scopes.forEach(s -> query.add("scope=" + encode(s)));
        if (offline && credentials.hasBasic()) {
            query.add("account=" + encode(credentials.username()));
            query.add("client_id=" + CLIENT_ID);
            query.add("offline_token=true");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(withQuery(realm, String.join("&", query)))
                .timeout(timeout).header("User-Agent", userAgent).GET();
        if (credentials.hasBasic()) {
            b.header("Authorization", credentials.basicHeader());
        }
        return b.build();
    }

    /** The OAuth2 refresh-token POST, for an identity token from an earlier login. */
    private HttpRequest refreshRequest(URI realm, String service, List<String> scopes, Credentials credentials,
            boolean offline) {
        StringBuilder form = new StringBuilder("grant_type=refresh_token")
                .append("&refresh_token=").append(encode(credentials.identityToken()))
                .append("&service=").append(encode(service))
                .append("&client_id=").append(CLIENT_ID);
        if (!scopes.isEmpty()) {
            form.append("&scope=").append(encode(String.join(" ", scopes)));
        }
        if (offline) {
            form.append("&access_type=offline");
        }
        return HttpRequest.newBuilder(realm).timeout(timeout).header("User-Agent", userAgent)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
    }

    private Token parse(byte[] body) throws IOException {
        JsonNode doc;
        try {
            doc = Manifests.JSON.readTree(body);
        } catch (IOException e) {
            throw new IOException("unable to decode token response: " + e.getMessage(), e);
        }
        // the OAuth2 name wins when a realm sends both, as in distribution
        String token = doc.path("access_token").asText("");
        if (token.isEmpty()) {
            token = doc.path("token").asText("");
        }
        if (token.isEmpty()) {
            throw new IOException("authorization server did not include a token in the response");
        }
        Duration lifetime = Duration.ofSeconds(doc.path("expires_in").asLong(0));
        if (lifetime.compareTo(MIN_LIFETIME) < 0) {
            lifetime = MIN_LIFETIME;
        }
        Instant issued = clock.instant();
        String issuedAt = doc.path("issued_at").asText("");
        if (!issuedAt.isEmpty()) {
            try {
                issued = OffsetDateTime.parse(issuedAt).toInstant();
            } catch (DateTimeParseException e) {
                // a bad timestamp only shortens nothing: count from now
            }
        }
        return new Token(token, issued.plus(lifetime), doc.path("refresh_token").asText(""));
    }

    private static Key key(Challenge challenge, List<String> scopes, Credentials credentials) {
        return new Key(challenge.parameter("realm"), challenge.parameter("service"), String.join(" ", scopes),
                credentials.fingerprint());
    }

    private static URI withQuery(URI base, String query) {
        if (query.isEmpty()) {
            return base;
        }
        String s = base.toString();
        return URI.create(s + (base.getRawQuery() == null ? "?" : "&") + query);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
