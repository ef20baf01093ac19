package wharf.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import wharf.engine.api.Cancellation;
import wharf.engine.api.Filters;

/**
 * A matched API request: its version, its path variables, and the parsing helpers dockerd's
 * handlers use. Failures to parse are {@link wharf.engine.api.InvalidParameterError}s.
 */
@ProviderType
public interface ApiRequest {
    /** Default limit of a JSON body. */
    long DEFAULT_JSON_LIMIT = 16L << 20;

    HttpServletRequest servlet();

    /** The request's API version: the path's {@code /vX.Y}, or the current version without one. */
    ApiVersion version();

    /** The daemon's version and API window. */
    ServerInfo server();

    /** Who sent the request: the listener's kind and what it knows of the caller. */
    Peer peer();

    /** A path variable of the matched template. */
    String var(String name);

    /** A query parameter's first value. */
    Optional<String> query(String name);

    default String query(String name, String fallback) {
        return query(name).orElse(fallback);
    }

    /** All values of a repeated query parameter ({@code names=a&names=b}). */
    List<String> queryAll(String name);

    /**
     * A boolean as dockerd reads one: absent, empty, {@code 0}, {@code no}, {@code false} and
     * {@code none} are false; anything else ({@code 1}, {@code true}) is true.
     */
    default boolean bool(String name) {
        return query(name).map(ApiRequest::truthy).orElse(false);
    }

    /** Like {@link #bool(String)}, with a value for when the parameter is absent. */
    default boolean bool(String name, boolean fallback) {
        return query(name).map(ApiRequest::truthy).orElse(fallback);
    }

    /** An integer parameter; absent or empty gives the fallback. */
    long integer(String name, long fallback);

    /** The {@code filters} parameter in either JSON form; empty when absent. */
    Filters filters();

    /** The header's value, or null. */
    String header(String name);

    /**
     * The JSON body as the given type, refusing a content type other than
     * {@code application/json} (dockerd's message) and bodies over {@link #DEFAULT_JSON_LIMIT}.
     * An absent body gives null.
     */
    <T> T json(Class<T> type);

    /** The raw body. */
    InputStream body();

    /**
     * Fires when the client goes away or the daemon stops, and, once the answer streams
     * ({@link ApiResponse#stream}), when the route group serving it is withdrawn (its bundle
     * stopped, updated or uninstalled): a stream's loop ends on it, and the client sees the end.
     */
    Cancellation cancellation();

    /** dockerd's {@code httputils.BoolValue}. */
    static boolean truthy(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        return !(v.isEmpty() || v.equals("0") || v.equals("no") || v.equals("false") || v.equals("none"));
    }
}
