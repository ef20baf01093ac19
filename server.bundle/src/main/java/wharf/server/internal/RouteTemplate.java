package wharf.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled path template: {@code /containers/{name}/json} matches one segment for
 * {@code name}; {@code /images/{name:.*}/json} matches the regex (slashes included).
 */
final class RouteTemplate {
    private final String template;
    private final Pattern pattern;
    private final List<String> variables;
    /** The template with variable names dropped, so that {name} and {id} count as the same route. */
    private final String shape;
    private final int literalLength;
    private final int regexVariables;

    private RouteTemplate(String template, Pattern pattern, List<String> variables, String shape, int literalLength,
            int regexVariables) {
        this.template = template;
        this.pattern = pattern;
        this.variables = variables;
        this.shape = shape;
        this.literalLength = literalLength;
        this.regexVariables = regexVariables;
    }

    static RouteTemplate compile(String template) {
        StringBuilder regex = new StringBuilder("^");
        StringBuilder shape = new StringBuilder();
        List<String> vars = new ArrayList<>();
        int literal = 0;
        int regexVars = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{') {
                int end = closingBrace(template, i);
                String body = template.substring(i + 1, end);
                int colon = body.indexOf(':');
                String name = colon < 0 ? body : body.substring(0, colon);
                String varRegex = colon < 0 ? "[^/]+" : body.substring(colon + 1);
                if (name.isEmpty() || vars.contains(name)) {
                    throw new IllegalArgumentException("bad variable '" + body + "' in route template " + template);
                }
                Pattern.compile(varRegex);
                vars.add(name);
                if (colon >= 0) {
                    regexVars++;
                }
                regex.append('(').append(varRegex).append(')');
                shape.append('{').append(varRegex).append('}');
                i = end + 1;
            } else {
                int next = template.indexOf('{', i);
                String lit = template.substring(i, next < 0 ? template.length() : next);
                regex.append(Pattern.quote(lit));
                shape.append(lit);
                literal += lit.length();
                i = next < 0 ? template.length() : next;
            }
        }
        regex.append('$');
        // Capturing groups inside a variable's own regex would shift the indexes; refuse them.
        Pattern p = Pattern.compile(regex.toString());
        if (p.matcher("").groupCount() != vars.size()) {
            throw new IllegalArgumentException("variable regexes must not capture (use (?:…)): " + template);
        }
        return new RouteTemplate(template, p, List.copyOf(vars), shape.toString(), literal, regexVars);
    }

    private static int closingBrace(String template, int open) {
        int depth = 0;
        for (int j = open; j < template.length(); j++) {
            char c = template.charAt(j);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return j;
            }
        }
        throw new IllegalArgumentException("unclosed '{' in route template " + template);
    }

    /** The variables of a matching path, or null when it does not match. */
    Map<String, String> match(String path) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return null;
        }
        if (variables.isEmpty()) {
            return Map.of();
        }
        Map<String, String> values = new java.util.HashMap<>();
        for (int g = 0; g < variables.size(); g++) {
            values.put(variables.get(g), m.group(g + 1));
        }
        return values;
    }

    String template() {
        return template;
    }

    String shape() {
        return shape;
    }

    /**
     * Orders candidates so the most specific is tried first: templates without greedy regex
     * variables before those with, then longer literal text first ({@code /images/json} before
     * {@code /images/{name:.*}/json}).
     */
    static int specificity(RouteTemplate a, RouteTemplate b) {
        if (a.regexVariables != b.regexVariables) {
            return Integer.compare(a.regexVariables, b.regexVariables);
        }
        return Integer.compare(b.literalLength, a.literalLength);
    }
}
