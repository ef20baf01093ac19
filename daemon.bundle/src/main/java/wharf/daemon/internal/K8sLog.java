package wharf.daemon.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The CRI "k8s-file" format conmon writes (conmon's ctr_logging.c): one record per line,
 * {@code <RFC3339Nano time with offset> <stdout|stderr> <P|F> <bytes>}, and the timestamps
 * Docker clients expect in front of a log line.
 */
final class K8sLog {
    /** Docker's RFC3339NanoFixed in UTC: always nine fraction digits, so lines sort as text. */
    private static final DateTimeFormatter DOCKER_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

    private K8sLog() {
    }

    /**
     * Parses one line (without its newline); empty when it is not a record, such as a line
     * conmon cut short when the disk filled.
     */
    static Optional<K8sLogRecord> parse(byte[] line, int from, int to) {
        int timeEnd = indexOf(line, (byte) ' ', from, to);
        int streamEnd = timeEnd < 0 ? -1 : indexOf(line, (byte) ' ', timeEnd + 1, to);
        if (streamEnd < 0) {
            return Optional.empty();
        }
        long time;
        try {
            Instant instant = OffsetDateTime.parse(new String(line, from, timeEnd - from, StandardCharsets.US_ASCII))
                    .toInstant();
            time = instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
        String stream = new String(line, timeEnd + 1, streamEnd - timeEnd - 1, StandardCharsets.US_ASCII);
        if (!stream.equals("stdout") && !stream.equals("stderr")) {
            return Optional.empty();
        }
        // The tag field is "P" or "F" (CRI allows further ':'-separated tags after it); an empty
        // record may end right after the tag.
        int tagEnd = indexOf(line, (byte) ' ', streamEnd + 1, to);
        int contentStart = tagEnd < 0 ? to : tagEnd + 1;
        int tagStop = tagEnd < 0 ? to : tagEnd;
        if (tagStop == streamEnd + 1) {
            return Optional.empty();
        }
        boolean partial = line[streamEnd + 1] == 'P';
        return Optional.of(new K8sLogRecord(time, stream.equals("stderr"), partial,
                Arrays.copyOfRange(line, contentStart, to)));
    }

    /** {@code 2026-11-27T14:10:33.196325180Z}, as {@code docker logs -t} prints it. */
    static String dockerTime(long unixNanos) {
        return DOCKER_TIME.format(Instant.ofEpochSecond(Math.floorDiv(unixNanos, 1_000_000_000L),
                Math.floorMod(unixNanos, 1_000_000_000L)));
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
