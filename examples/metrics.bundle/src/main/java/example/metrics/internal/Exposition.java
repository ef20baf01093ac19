package example.metrics.internal;

import java.util.regex.Pattern;

/**
 * Prometheus's text exposition format, version 0.0.4: each metric family opens with its
 * {@code # HELP} and {@code # TYPE} lines, then its samples, one a line, as
 * {@code name{label="value",…} value}. Label values escape backslash, double quote and newline;
 * help text escapes backslash and newline. No client library is needed for this much.
 */
final class Exposition {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final StringBuilder out = new StringBuilder(4096);

    /** Opens a family: {@code type} is {@code counter}, {@code gauge} or {@code histogram}. */
    Exposition family(String name, String type, String help) {
        out.append("# HELP ").append(checked(NAME, name)).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** One sample; {@code labels} alternate names and values. */
    Exposition sample(String name, double value, String... labels) {
        out.append(checked(NAME, name));
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(checked(LABEL, labels[i])).append("=\"").append(escapeLabel(labels[i + 1])).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(number(value)).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** Go's float syntax, which Prometheus parses: integers without a fraction, and {@code +Inf}, {@code -Inf}, {@code NaN}. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String checked(Pattern pattern, String name) {
        if (!pattern.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid metric or label name: " + name);
        }
        return name;
    }
}
