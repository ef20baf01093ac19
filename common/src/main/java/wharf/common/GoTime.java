package wharf.common;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times and durations as dockerd reads and writes them (Go's {@code time} formats, go-units' words). */
public final class GoTime {
    /** Go's zero time, what dockerd shows for a time it does not have. */
    public static final String ZERO = "0001-01-01T00:00:00Z";
    /** {@link #ZERO} as a time. */
    public static final OffsetDateTime ZERO_TIME = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private GoTime() {
    }

    /** Go's {@code RFC3339Nano}: no trailing zeros in the fraction, {@code Z} for UTC. */
    public static String rfc3339Nano(OffsetDateTime t) {
        StringBuilder sb = new StringBuilder(SECONDS.format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String frac = String.format("%09d", nanos).replaceAll("0+$", "");
            sb.append('.').append(frac);
        }
        sb.append(t.getOffset().equals(ZoneOffset.UTC) ? "Z" : t.getOffset().getId());
        return sb.toString();
    }

    /** {@link #rfc3339Nano} in UTC; null is the zero time. */
    public static String format(Instant t) {
        return t == null ? ZERO : rfc3339Nano(t.atOffset(ZoneOffset.UTC));
    }

    /** Now, in UTC, as dockerd stamps what it creates. */
    public static String now() {
        return rfc3339Nano(OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** The reverse of {@link #format}; the zero time (or nothing) is null. */
    public static Instant parse(String text) {
        if (text == null || text.isEmpty() || text.equals(ZERO)) {
            return null;
        }
        return Instant.parse(text);
    }

    /** An RFC 3339 time from a config, which may be anything; null, empty or malformed gives {@link #ZERO_TIME}. */
    public static OffsetDateTime parseOrZero(String text) {
        if (text == null || text.isEmpty()) {
            return ZERO_TIME;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return ZERO_TIME;
        }
    }

    /** Go's {@code time.ParseDuration}; null when the text is not a duration. */
    public static Duration parseDuration(String text) {
        String s = text;
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.startsWith("-");
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            return null;
        }
        Matcher m = DURATION_PART.matcher(s);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at || m.group(1).isEmpty() || m.group(1).equals(".")) {
                return null;
            }
            BigDecimal unit = switch (m.group(2)) {
                case "ns" -> BigDecimal.ONE;
                case "us", "µs", "μs" -> BigDecimal.valueOf(1_000L);
                case "ms" -> BigDecimal.valueOf(1_000_000L);
                case "s" -> BigDecimal.valueOf(1_000_000_000L);
                case "m" -> BigDecimal.valueOf(60_000_000_000L);
                default -> BigDecimal.valueOf(3_600_000_000_000L);
            };
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(unit));
            at = m.end();
        }
        Duration d = Duration.ofNanos(nanos.longValue());
        return negative ? d.negated() : d;
    }

    /** go-units' {@code HumanDuration}, the words of {@code Up 3 seconds}. */
    public static String human(Duration d) {
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
