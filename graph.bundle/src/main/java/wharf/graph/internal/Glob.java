package wharf.graph.internal;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import wharf.engine.api.InvalidParameterError;

/** Go's {@code path.Match}: {@code *} and {@code ?} within one path segment, {@code [...]} classes, {@code \} escapes. */
final class Glob {
    private Glob() {
    }

    static boolean matches(String pattern, String name) {
        return compile(pattern).matcher(name).matches();
    }

    static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '\\' -> {
                    if (i >= glob.length()) {
                        throw bad();
                    }
                    re.append(Pattern.quote(String.valueOf(glob.charAt(i++))));
                }
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) {
                        throw bad();
                    }
                    String body = glob.substring(i, end);
                    if (body.startsWith("^")) {
                        body = "^" + body.substring(1).replace("[", "\\[");
                    } else {
                        body = body.replace("[", "\\[");
                    }
                    re.append("(?![/])[").append(body).append(']');
                    i = end + 1;
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return Pattern.compile(re.toString());
        } catch (PatternSyntaxException e) {
            throw bad();
        }
    }

    private static InvalidParameterError bad() {
        return new InvalidParameterError("syntax error in pattern");
    }
}
