package wharf.server.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a policy sees of a request: dockerd's {@code AuthZReq} with the caller as the transport
 * knows it.
 *
 * @param method        the HTTP method
 * @param uri           the request URI with its query, as the client sent it
 *                      ({@code /v1.47/containers/create?name=web})
 * @param headers       the request headers, by name as sent
 * @param peer          who sent it: the listener's kind, the peer's uid and gid on a unix socket
 *                      ({@code SO_PEERCRED}), the verified client certificate's subject over TLS
 * @param remoteAddress the client's address ({@code 127.0.0.1:51234}), or empty where the transport
 *                      has none, as on a unix socket
 * @param localAddress  the address of the listener the request came through
 *                      ({@code 127.0.0.1:2376}, {@code /var/run/wharf.sock}), or empty
 * @param received      when the server received the request
 * @param body          the body, read from the client when a policy first opens it
 */
public record AuthorizationRequest(String method, String uri, Map<String, List<String>> headers, Peer peer,
        String remoteAddress, String localAddress, Instant received, RequestBody body) {
    /** dockerd's version prefix ({@code /v1.47}), which routes are matched without. */
    private static final Pattern VERSION_PREFIX = Pattern.compile("^/v[0-9.]+(?=/|$)");

    public AuthorizationRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = headers == null ? Map.of() : headers;
        peer = peer == null ? Peer.unknown(Peer.Transport.OTHER) : peer;
        remoteAddress = remoteAddress == null ? "" : remoteAddress;
        localAddress = localAddress == null ? "" : localAddress;
        received = received == null ? Instant.now() : received;
        body = body == null ? RequestBody.empty() : body;
    }

    /**
     * The caller's identity in one string ({@link Peer#user()}): the uid on a unix socket, the
     * verified client certificate's subject over TLS, else empty.
     */
    public String user() {
        return peer.user();
    }

    /**
     * The path as routes see it: without the query and without the API version prefix
     * ({@code /containers/create} for {@code /v1.47/containers/create?name=web}).
     */
    public String path() {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        String unversioned = VERSION_PREFIX.matcher(path).replaceFirst("");
        return unversioned.isEmpty() ? "/" : unversioned;
    }

    /** The first value of a header, its name compared without regard to case. */
    public Optional<String> header(String name) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return Optional.of(h.getValue().get(0));
            }
        }
        return Optional.empty();
    }
}
