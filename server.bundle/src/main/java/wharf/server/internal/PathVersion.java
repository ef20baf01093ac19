package wharf.server.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
