package wharf.daemon.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class K8sLogTest {

    private static K8sLogRecord parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return K8sLog.parse(bytes, 0, bytes.length).orElseThrow();
    }

    private static boolean parses(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return K8sLog.parse(bytes, 0, bytes.length).isPresent();
    }

    @Test
    void fullStdoutRecordWithOffset() {
        K8sLogRecord r = parse("2026-11-27T15:10:33.196325180+01:00 stdout F hello world");
        assertEquals(Instant.parse("2026-11-27T14:10:33.196325180Z"),
                Instant.ofEpochSecond(0, r.timeNanos()));
        assertFalse(r.stderr());
        assertFalse(r.partial());
        assertEquals("hello world", new String(r.content(), StandardCharsets.UTF_8));
    }

    @Test
    void partialStderrRecordKeepsSpacesAndCarriageReturn() {
        K8sLogRecord r = parse("2026-11-27T14:10:33.000000001Z stderr P  two  spaces\r");
        assertTrue(r.stderr());
        assertTrue(r.partial());
        assertEquals(" two  spaces\r", new String(r.content(), StandardCharsets.UTF_8));
    }

    @Test
    void emptyLineRecord() {
        assertArrayEquals(new byte[0], parse("2026-11-27T14:10:33.5-05:00 stdout F ").content());
        assertArrayEquals(new byte[0], parse("2026-11-27T14:10:33.5-05:00 stdout F").content());
    }

    @Test
    void nonUtf8BytesPassThrough() {
        byte[] line = "2026-11-27T14:10:33.1Z stdout F xx".getBytes(StandardCharsets.US_ASCII);
        line[line.length - 1] = (byte) 0xff;
        assertEquals((byte) 0xff, K8sLog.parse(line, 0, line.length).orElseThrow().content()[1]);
    }

    @Test
    void brokenLinesAreNotRecords() {
        assertFalse(parses(""));
        assertFalse(parses("garbage"));
        assertFalse(parses("2026-11-27T14:10:33.1Z stdout"));
        assertFalse(parses("not-a-time stdout F x"));
        assertFalse(parses("2026-11-27T14:10:33.1Z stdin F x"));
    }

    @Test
    void dockerTimeKeepsNineDigitsInUtc() {
        long nanos = Instant.parse("2026-11-27T14:10:33.196325100Z").getEpochSecond() * 1_000_000_000L + 196_325_100;
        assertEquals("2026-11-27T14:10:33.196325100Z", K8sLog.dockerTime(nanos));
        assertEquals("1970-01-01T00:00:01.000000000Z", K8sLog.dockerTime(1_000_000_000L));
    }
}
