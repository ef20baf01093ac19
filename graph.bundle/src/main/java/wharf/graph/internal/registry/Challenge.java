package wharf.graph.internal.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235): a scheme and its parameters,
 * {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io"} or
 * {@code Basic realm="basic-realm"}. The JDK has no parser for this header.
 *
 * @param scheme lower case: {@code bearer}, {@code basic}
 */
record Challenge(String scheme, Map<String, String> parameters) {

    boolean isBearer() {
        return scheme.equals("bearer");
    }

    boolean isBasic() {
        return scheme.equals("basic");
    }

    String parameter(String name) {
        return parameters.getOrDefault(name, "");
    }

    /** Every challenge in the given header values; malformed parts are skipped. */
    static List<Challenge> parse(List<String> headers) {
        List<Challenge> challenges = new ArrayList<>();
        for (String header : headers) {
            new Parser(header).parseInto(challenges);
        }
        return challenges;
    }

    /** A scanner over {@code scheme param=value, param="quoted", scheme2 …}. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        void parseInto(List<Challenge> out) {
            String scheme = null;
            Map<String, String> params = null;
            while (true) {
                skip(" \t,");
                if (pos >= s.length()) {
                    break;
                }
                String token = token();
                if (token.isEmpty()) {
                    return;
                }
                int save = pos;
                skip(" \t");
                if (pos < s.length() && s.charAt(pos) == '=' && scheme != null) {
                    pos++;
                    skip(" \t");
                    params.put(token.toLowerCase(Locale.ROOT), value());
                } else {
                    pos = save;
                    if (scheme != null) {
                        out.add(new Challenge(scheme, params));
                    }
                    scheme = token.toLowerCase(Locale.ROOT);
                    params = new LinkedHashMap<>();
                }
            }
            if (scheme != null) {
                out.add(new Challenge(scheme, params));
            }
        }

        private String value() {
            if (pos < s.length() && s.charAt(pos) == '"') {
                StringBuilder sb = new StringBuilder();
                pos++;
                while (pos < s.length() && s.charAt(pos) != '"') {
                    char c = s.charAt(pos++);
                    if (c == '\\' && pos < s.length()) {
                        c = s.charAt(pos++);
                    }
                    sb.append(c);
                }
                pos++;
                return sb.toString();
            }
            return token();
        }

        private String token() {
            int start = pos;
            while (pos < s.length() && " \t,=\"".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            return s.substring(start, pos);
        }

        private void skip(String chars) {
            while (pos < s.length() && chars.indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }
    }
}
