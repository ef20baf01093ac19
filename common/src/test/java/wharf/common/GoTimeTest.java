package wharf.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Go's time formats and durations, as dockerd reads and writes them. */
@Timeout(10)
class GoTimeTest {
    @Test
    void goDurations() {
        assertEquals(Duration.ofMinutes(90), GoTime.parseDuration("1h30m"));
        assertEquals(Duration.ofMillis(1500), GoTime.parseDuration("1.5s"));
        assertEquals(Duration.ofNanos(300), GoTime.parseDuration("300ns"));
        assertEquals(Duration.ofHours(-2), GoTime.parseDuration("-2h"));
        assertNull(GoTime.parseDuration("10"));
        assertNull(GoTime.parseDuration("1d"));
    }

    @Test
    void rfc3339NanoAsGoWritesIt() {
        assertEquals("2024-01-02T03:04:05Z", GoTime.rfc3339Nano(OffsetDateTime.parse("2024-01-02T03:04:05.000Z")));
        assertEquals("2024-01-02T03:04:00.12Z", GoTime.rfc3339Nano(OffsetDateTime.parse("2024-01-02T03:04:00.120Z")));
        assertEquals("2024-01-02T03:04:05+02:00", GoTime.rfc3339Nano(OffsetDateTime.parse("2024-01-02T03:04:05+02:00")));
        assertEquals("0001-01-01T00:00:00Z", GoTime.rfc3339Nano(GoTime.parseOrZero(null)));
        assertEquals(GoTime.ZERO_TIME, GoTime.parseOrZero("yesterday"));
    }

    @Test
    void timesAsGoWritesThem() {
        Instant t = Instant.parse("2026-11-27T14:10:33.196325180Z");
        assertEquals("2026-11-27T14:10:33.19632518Z", GoTime.format(t));
        assertEquals(t, GoTime.parse(GoTime.format(t)));
        assertEquals("0001-01-01T00:00:00Z", GoTime.format(null));
        assertNull(GoTime.parse(GoTime.ZERO));
        assertEquals("Less than a second", GoTime.human(Duration.ofMillis(400)));
        assertEquals("1 second", GoTime.human(Duration.ofSeconds(1)));
        assertEquals("3 seconds", GoTime.human(Duration.ofSeconds(3)));
        assertEquals("About a minute", GoTime.human(Duration.ofSeconds(100)));
        assertEquals("2 minutes", GoTime.human(Duration.ofMinutes(2)));
        assertEquals("About an hour", GoTime.human(Duration.ofMinutes(80)));
        assertEquals("5 hours", GoTime.human(Duration.ofHours(5)));
        assertEquals("3 days", GoTime.human(Duration.ofDays(3)));
    }
}
