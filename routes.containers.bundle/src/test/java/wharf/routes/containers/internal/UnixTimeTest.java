package wharf.routes.containers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import wharf.engine.api.InvalidParameterError;

/** Logs' since and until as moby reads them. */
class UnixTimeTest {

    @Test
    void secondsWithAFractionBecomeNanoseconds() {
        assertEquals(0, UnixTime.nanos("since", ""));
        assertEquals(1_700_000_000_000_000_000L, UnixTime.nanos("since", "1700000000"));
        assertEquals(1_700_000_000_123_456_789L, UnixTime.nanos("since", "1700000000.123456789"));
        assertEquals(1_700_000_000_500_000_000L, UnixTime.nanos("since", "1700000000.5"));
        assertEquals(1_700_000_000_123_456_789L, UnixTime.nanos("since", "1700000000.12345678999"), "cut to nanos");
        assertEquals(1_700_000_000_000_000_000L, UnixTime.nanos("since", "1700000000."));
    }

    @Test
    void malformedValuesAreClientErrorsNamingTheParameter() {
        assertEquals("invalid value for \"until\": invalid timestamp \"1.x\": invalid nanoseconds: invalid "
                + "character 'x' at position 0",
                assertThrows(InvalidParameterError.class, () -> UnixTime.nanos("until", "1.x")).getMessage());
        assertThrows(InvalidParameterError.class, () -> UnixTime.nanos("since", "1." + "1".repeat(21)));
        assertThrows(InvalidParameterError.class, () -> UnixTime.nanos("since", "99999999999999999999"));
        assertThrows(InvalidParameterError.class, () -> UnixTime.nanos("since", "-"));
    }
}
