package wharf.daemon.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import wharf.engine.api.InvalidParameterError;

/**
 * Filter times as dockerd's {@code timetypes.GetTimestamp} reads them (the prune filters' {@code until}).
 * graph.bundle reads image prune's {@code until} the same way; its parser is internal to it, so the
 * container side has its own.
 */
final class FilterTime {
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");
    private static final Pattern UNIX = Pattern.compile("^-?[0-9]+(?:\\.[0-9]{1,9})?$");

    private FilterTime() {
    }

    /**
     * A Go duration ({@code 10m}: ten minutes before now), an RFC 3339 time or date (local time
     * when it names no zone), or unix seconds with an optional fraction.
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
                String v = withSeconds(value.replace('z', 'Z'));
                return hasZone ? OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
                        : LocalDateTime.parse(v, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(ZoneId.systemDefault())
                                .toInstant();
            }
            if (value.contains("-")) {
                if (hasZone) {
                    ZoneOffset zone = ZoneOffset.of(value.substring(10).replace('z', 'Z'));
                    return LocalDate.parse(value.substring(0, 10)).atStartOfDay().toInstant(zone);
                }
                return LocalDate.parse(value).atStartOfDay(ZoneId.systemDefault()).toInstant();
            }
        } catch (java.time.DateTimeException | StringIndexOutOfBoundsException e) {
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

    /** Go accepts {@code 2006-01-02T15} and {@code 2006-01-02T15:04}; java.time wants seconds. */
    private static String withSeconds(String v) {
        int t = v.indexOf('T');
        String rest = v.substring(t + 1);
        int zoneAt = -1;
        for (int i = 0; i < rest.length() && zoneAt < 0; i++) {
            char c = rest.charAt(i);
            if (c == 'Z' || c == '+' || c == '-') {
                zoneAt = i;
            }
        }
        String clock = zoneAt < 0 ? rest : rest.substring(0, zoneAt);
        String zone = zoneAt < 0 ? "" : rest.substring(zoneAt);
        long colons = clock.chars().filter(c -> c == ':').count();
        clock = colons == 0 ? clock + ":00:00" : colons == 1 ? clock + ":00" : clock;
        return v.substring(0, t + 1) + clock + zone;
    }
}
