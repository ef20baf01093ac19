package wharf.daemon.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as dockerd writes them: RFC 3339 with nanoseconds, Go's zero time for "never". */
final class GoTime {
    static final String ZERO = "0001-01-01T00:00:00Z";
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private GoTime() {
    }

    /** Go's {@code RFC3339Nano}: no trailing zeros in the fraction; null is the zero time. */
    static String format(Instant t) {
        if (t == null) {
            return ZERO;
        }
        StringBuilder sb = new StringBuilder(SECONDS.format(t));
        if (t.getNano() != 0) {
            sb.append('.').append(String.format("%09d", t.getNano()).replaceAll("0+$", ""));
        }
        return sb.append('Z').toString();
    }

    /** The reverse of {@link #format}; the zero time (or nothing) is null. */
    static Instant parse(String text) {
        if (text == null || text.isEmpty() || text.equals(ZERO)) {
            return null;
        }
        return Instant.parse(text);
    }

    /** go-units' {@code HumanDuration}, the words of {@code Up 3 seconds}. */
    static String human(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = d.toMinutes();
        if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = Math.round(d.toMillis() / 3_600_000.0);
        if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        } else if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return d.toHours() / 24 / 365 + " years";
    }
}
