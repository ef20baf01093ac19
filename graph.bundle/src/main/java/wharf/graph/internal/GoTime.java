package wharf.graph.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import wharf.engine.api.InvalidParameterError;

/** Times as dockerd reads and writes them (Go's {@code time} formats). */
final class GoTime {
    /** Go's zero time, what dockerd shows for a time it does not have. */
    static final OffsetDateTime ZERO = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final Pattern UNIX = Pattern.compile("^-?[0-9]+(?:\\.[0-9]{1,9})?$");

    private GoTime() {
    }

    /** An RFC 3339 time from a config; null, empty or malformed gives {@link #ZERO}. */
    static OffsetDateTime parse(String text) {
        if (text == null || text.isEmpty()) {
            return ZERO;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return ZERO;
        }
    }

    /** Go's {@code RFC3339Nano}: no trailing zeros in the fraction, {@code Z} for UTC. */
    static String rfc3339Nano(OffsetDateTime t) {
        StringBuilder sb = new StringBuilder(SECONDS.format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String frac = String.format("%09d", nanos).replaceAll("0+$", "");
            sb.append('.').append(frac);
        }
        sb.append(t.getOffset().equals(ZoneOffset.UTC) ? "Z" : t.getOffset().getId());
        return sb.toString();
    }

    /** Now, in UTC, as dockerd stamps what it creates. */
    static String now() {
        return rfc3339Nano(OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** Go's {@code time.ParseDuration}; null when the text is not a duration. */
    static Duration parseDuration(String text) {
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

    /**
     * A filter time as dockerd's {@code GetTimestamp} reads it, relative to now: a Go duration
     * ({@code 10m}: ten minutes ago), an RFC 3339 time or date (local time when it names no
     * zone), or unix seconds with an optional fraction.
     *
     * @throws InvalidParameterError when it is none of those
     */
    static Instant timestamp(String value, Instant now) {
        Duration d = "0".equals(value) ? null : parseDuration(value);
        if (d != null) {
            return now.minus(d);
        }
        boolean hasZone = value.matches(".*[zZ+].*") || value.chars().filter(c -> c == '-').count() == 3;
        try {
            if (value.contains("T")) {
                String v = value.replace('z', 'Z');
                if (hasZone) {
                    return OffsetDateTime.parse(withSeconds(v), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                }
                return LocalDateTime.parse(withSeconds(v), DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                        .atZone(ZoneId.systemDefault()).toInstant();
            }
            if (value.contains("-")) {
                if (hasZone) {
                    String date = value.substring(0, 10);
                    ZoneOffset zone = ZoneOffset.of(value.substring(10).replace('z', 'Z'));
                    return LocalDate.parse(date).atStartOfDay().toInstant(zone);
                }
                return LocalDate.parse(value).atStartOfDay(ZoneId.systemDefault()).toInstant();
            }
        } catch (java.time.DateTimeException e) {
            throw new InvalidParameterError("parsing time \"" + value + "\": " + e.getMessage(), e);
        }
        if (UNIX.matcher(value).matches()) {
            BigDecimal seconds = new BigDecimal(value);
            long s = seconds.longValue();
            long n = seconds.subtract(BigDecimal.valueOf(s)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(s, n);
        }
        throw new InvalidParameterError("failed to parse value as time or duration: \"" + value + "\"");
    }

    /** Go accepts {@code 2006-01-02T15} and {@code 2006-01-02T15:04}; java.time wants seconds. */
    private static String withSeconds(String v) {
        int t = v.indexOf('T');
        String date = v.substring(0, t + 1);
        String rest = v.substring(t + 1);
        int zoneAt = firstZoneChar(rest);
        String clock = zoneAt < 0 ? rest : rest.substring(0, zoneAt);
        String zone = zoneAt < 0 ? "" : rest.substring(zoneAt);
        long colons = clock.chars().filter(c -> c == ':').count();
        if (colons == 0) {
            clock = clock + ":00:00";
        } else if (colons == 1) {
            clock = clock + ":00";
        }
        return date + clock + zone;
    }

    private static int firstZoneChar(String clock) {
        for (int i = 0; i < clock.length(); i++) {
            char c = clock.charAt(i);
            if (c == 'Z' || c == '+' || c == '-') {
                return i;
            }
        }
        return -1;
    }
}
