package wharf.server.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An API version such as {@code 1.47}, compared numerically as dockerd does. */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(?:\\.(\\d{1,9}))?");

    /** Parses {@code 1.47} or {@code 1}; throws {@link IllegalArgumentException} otherwise. */
    public static ApiVersion parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an API version: " + text);
        }
        return new ApiVersion(Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    public boolean isBefore(ApiVersion other) {
        return compareTo(other) < 0;
    }

    public boolean isAtLeast(ApiVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
