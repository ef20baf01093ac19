package wharf.common;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

import wharf.engine.api.InvalidParameterError;

/** Filter times as dockerd's {@code timetypes.GetTimestamp} reads them (the {@code until} of prune filters). */
public final class FilterTime {
    private static final Pattern UNIX = Pattern.compile("^-?[0-9]+(?:\\.[0-9]{1,9})?$");

    private FilterTime() {
    }

    /**
     * A filter time relative to now: a Go duration ({@code 10m}: ten minutes ago), an RFC 3339 time
     * or date (local time when it names no zone), or unix seconds with an optional fraction.
     *
     * @throws InvalidParameterError when it is none of those
     */
    public static Instant timestamp(String value, Instant now) {
        Duration d = "0".equals(value) ? null : GoTime.parseDuration(value);
        if (d != null) {
            return now.minus(d);
        }
        boolean hasZone = value.matches(".*[zZ+].*") || value.chars().filter(c -> c == '-').count() == 3;
        try {
            if (value.contains("T")) {
                String v = withSeconds(value.replace('z', 'Z'));
                if (hasZone) {
                    return OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                }
                return LocalDateTime.parse(v, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                        .atZone(ZoneId.systemDefault()).toInstant();
            }
            if (value.contains("-")) {
                if (hasZone) {
                    ZoneOffset zone = ZoneOffset.of(value.substring(10).replace('z', 'Z'));
                    return LocalDate.parse(value.substring(0, 10)).atStartOfDay().toInstant(zone);
                }
                return LocalDate.parse(value).atStartOfDay(ZoneId.systemDefault()).toInstant();
            }
        } catch (DateTimeException | StringIndexOutOfBoundsException e) {
            // a date with a zone but shorter than yyyy-MM-dd ("1-2+") fails in substring: malformed all the same
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
        return v.substring(0, t + 1) + clock + zone;
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
