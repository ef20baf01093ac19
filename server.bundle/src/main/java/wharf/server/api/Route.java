package wharf.server.api;

import java.util.Objects;

/**
 * A method, a path template and its handler, available from {@code since} (inclusive) to
 * {@code until} (exclusive) API versions. Templates are moby's: literal segments and
 * {@code {name}} variables matching one segment, or {@code {name:regex}} matching the regex
 * (so {@code /images/{name:.*}/json} takes image names with slashes). Paths are matched
 * without the {@code /v1.47} prefix.
 */
public record Route(Method method, String template, Handler handler, ApiVersion since, ApiVersion until) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(handler, "handler");
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("a route template starts with '/': " + template);
        }
    }

    public static Route get(String template, Handler handler) {
        return new Route(Method.GET, template, handler, null, null);
    }

    public static Route head(String template, Handler handler) {
        return new Route(Method.HEAD, template, handler, null, null);
    }

    public static Route post(String template, Handler handler) {
        return new Route(Method.POST, template, handler, null, null);
    }

    public static Route put(String template, Handler handler) {
        return new Route(Method.PUT, template, handler, null, null);
    }

    public static Route delete(String template, Handler handler) {
        return new Route(Method.DELETE, template, handler, null, null);
    }

    /** The same route, only from this API version on (moby's {@code WithMinimumAPIVersion}). */
    public Route since(String version) {
        return new Route(method, template, handler, ApiVersion.parse(version), until);
    }

    /** The same route, only below this API version (a route a later API removed). */
    public Route until(String version) {
        return new Route(method, template, handler, since, ApiVersion.parse(version));
    }

    /** Whether a request at this API version may use the route. */
    public boolean availableAt(ApiVersion version) {
        return (since == null || version.isAtLeast(since)) && (until == null || version.isBefore(until));
    }

    @Override
    public String toString() {
        return method + " " + template;
    }
}
