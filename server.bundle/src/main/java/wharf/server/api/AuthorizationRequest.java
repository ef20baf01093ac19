package wharf.server.api;

import java.util.List;
import java.util.Map;

/**
 * What a policy sees of a request.
 *
 * @param method  the HTTP method
 * @param uri     the request URI with its query, as the client sent it
 * @param headers the request headers
 * @param user    the caller's identity where the transport knows it, else empty
 */
public record AuthorizationRequest(String method, String uri, Map<String, List<String>> headers, String user) {
}
