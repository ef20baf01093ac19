package wharf.server.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.URIUtil;
import wharf.server.api.ApiVersion;

/**
 * A request path split into its optional {@code /v{version:[0-9.]+}} prefix (moby's version
 * matcher) and the route path.
 *
 * @param raw     the version as written, or null when the path had none
 * @param version the parsed version, or null when the path had none or it does not parse
 * @param path    the path after the prefix
 */
record PathVersion(String raw, ApiVersion version, String path) {
    private static final Pattern PREFIX = Pattern.compile("^/v([0-9.]+)(/.*)?$");

    /**
     * The request's path within the API context, decoded from the raw URI: the Servlet API's
     * {@code getPathInfo()} refuses paths with an encoded slash, which image names may carry.
     */
    static PathVersion of(HttpServletRequest req) {
        String raw = req.getRequestURI();
        String context = req.getContextPath();
        if (context != null && !context.isEmpty() && raw.startsWith(context)) {
            raw = raw.substring(context.length());
        }
        return of(URIUtil.decodePath(raw));
    }

    static PathVersion of(String path) {
        String p = path == null || path.isEmpty() ? "/" : path;
        Matcher m = PREFIX.matcher(p);
        if (!m.matches()) {
            return new PathVersion(null, null, p);
        }
        ApiVersion v;
        try {
            v = ApiVersion.parse(m.group(1));
        } catch (IllegalArgumentException e) {
            v = null;
        }
        return new PathVersion(m.group(1), v, m.group(2) == null ? "/" : m.group(2));
    }

    boolean versioned() {
        return raw != null;
    }

    /** The version the answer is shaped for: the path's, else the current one. */
    ApiVersion effective(ApiVersion current) {
        return version == null ? current : version;
    }
}
