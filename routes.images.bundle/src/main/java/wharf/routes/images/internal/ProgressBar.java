package wharf.routes.images.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The {@code progress} text of a JSON progress message, drawn as dockerd draws it on the server
 * side (jsonmessage's {@code JSONProgress.String()} at its 200-column default): a 50-step bar and
 * the byte counts in go-units' decimal {@code HumanSize}, for example
 * {@code [=>                                                 ]  32.77kB/1.366MB}. Clients that
 * draw their own bars ignore it; older ones print it as it is.
 */
final class ProgressBar {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final int STEPS = 50;

    private ProgressBar() {
    }

    /** The bar with counts; only the count when the total is unknown; empty when nothing is known. */
    static String of(long current, long total) {
        if (current <= 0 && total <= 0) {
            return "";
        }
        if (total <= 0) {
            return pad(humanSize(current));
        }
        int done = (int) Math.min(STEPS, (int) ((double) current / total * 100) / 2);
        String bar = "[" + "=".repeat(done) + ">" + " ".repeat(STEPS - done) + "] ";
        // a current beyond the total is reported alone, as dockerd does
        String counts = current > total ? pad(humanSize(current)) : pad(humanSize(current)) + "/" + humanSize(total);
        return bar + counts;
    }

    /** go-units' {@code HumanSize}: powers of 1000, four significant digits, no trailing zeros. */
    static String humanSize(long bytes) {
        double size = bytes;
        int unit = 0;
        while (size >= 1000 && unit < UNITS.length - 1) {
            size /= 1000;
            unit++;
        }
        BigDecimal rounded = new BigDecimal(size).round(new MathContext(4, RoundingMode.HALF_EVEN));
        String digits = rounded.signum() == 0 ? "0" : rounded.stripTrailingZeros().toPlainString();
        return digits + UNITS[unit];
    }

    /** Go's {@code %8v}: right-aligned in eight columns. */
    private static String pad(String s) {
        return s.length() >= 8 ? s : " ".repeat(8 - s.length()) + s;
    }
}
