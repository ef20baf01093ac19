package wharf.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import wharf.engine.api.InvalidParameterError;

/** Filter times as dockerd's GetTimestamp reads them. */
@Timeout(10)
class FilterTimeTest {
    @Test
    void filterTimestamps() {
        Instant now = Instant.parse("2024-06-01T12:00:00Z");
        assertEquals(Instant.parse("2024-06-01T11:00:00Z"), FilterTime.timestamp("1h", now));
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"), FilterTime.timestamp("2024-01-02T03:04:05Z", now));
        assertEquals(Instant.parse("2024-01-02T01:04:00Z"), FilterTime.timestamp("2024-01-02T03:04+02:00", now));
        assertEquals(Instant.parse("2024-01-02T03:00:00Z"), FilterTime.timestamp("2024-01-02T03Z", now));
        assertEquals(Instant.parse("2024-01-01T22:00:00Z"), FilterTime.timestamp("2024-01-02+02:00", now));
        assertEquals(Instant.ofEpochSecond(1700000000, 500_000_000), FilterTime.timestamp("1700000000.5", now));
        assertEquals("failed to parse value as time or duration: \"soon\"",
                assertThrows(InvalidParameterError.class, () -> FilterTime.timestamp("soon", now)).getMessage());
    }

    @Test
    void aMalformedDateIsAnInvalidParameter() {
        Instant now = Instant.parse("2024-06-01T12:00:00Z");
        assertTrue(assertThrows(InvalidParameterError.class, () -> FilterTime.timestamp("1-2+", now)).getMessage()
                .startsWith("parsing time \"1-2+\": "));
        assertTrue(assertThrows(InvalidParameterError.class, () -> FilterTime.timestamp("2024-13-01", now)).getMessage()
                .startsWith("parsing time \"2024-13-01\": "));
    }
}
