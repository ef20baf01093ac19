package wharf.daemon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The follower against real files, written the way conmon writes them. */
@Timeout(10)
class LogFollowerTest {
    private static final Instant T0 = Instant.parse("2026-11-27T14:00:00Z");

    @TempDir
    Path dir;

    /** Each write is one entry, prefixed with its stream: what a route would frame. */
    private static final class Frames {
        final List<String> writes = new CopyOnWriteArrayList<>();
        final OutputStream out = sink("out:");
        final OutputStream err = sink("err:");

        private OutputStream sink(String prefix) {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    writes.add(prefix + new String(b, off, len, StandardCharsets.UTF_8));
                }
            };
        }

        K8sLogWriter writer(boolean stdout, boolean stderr, boolean timestamps) {
            return new K8sLogWriter(out, err, stdout, stderr, timestamps);
        }
    }

    private static String record(int second, String stream, String tag, String content) {
        // conmon writes the local offset; +01:00 checks the conversion to UTC
        return T0.plusSeconds(second).atOffset(java.time.ZoneOffset.ofHours(1))
                .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " " + stream + " " + tag + " "
                + content + "\n";
    }

    private static long nanos(int second) {
        return T0.plusSeconds(second).getEpochSecond() * 1_000_000_000L;
    }

    private Path log(String... records) throws IOException {
        Path log = dir.resolve("container.log");
        Files.writeString(log, String.join("", records));
        return log;
    }

    private static void append(Path log, String record) throws IOException {
        Files.writeString(log, record, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<String> copy(Path log, LogFollower.Window window, boolean stdout, boolean stderr,
            boolean timestamps) throws IOException {
        Frames frames = new Frames();
        new LogFollower(log, window).copy(0, frames.writer(stdout, stderr, timestamps), null, () -> false);
        return frames.writes;
    }

    @Test
    void backlogSplitsStreamsAndKeepsPartialRecordsApart() throws IOException {
        Path log = log(record(0, "stdout", "F", "out1"), record(1, "stderr", "F", "err1"),
                record(2, "stdout", "P", "part"), record(3, "stdout", "F", "ial"), record(4, "stdout", "F", ""));
        assertEquals(List.of("out:out1\n", "err:err1\n", "out:part", "out:ial\n", "out:\n"),
                copy(log, LogFollower.Window.ALL, true, true, false));
        assertEquals(List.of("err:err1\n"), copy(log, LogFollower.Window.ALL, false, true, false));
    }

    @Test
    void timestampsInUtcWithNineDigits() throws IOException {
        Path log = log(record(0, "stdout", "F", "a"));
        assertEquals(List.of("out:2026-11-27T14:00:00.000000000Z a\n"),
                copy(log, LogFollower.Window.ALL, true, true, true));
    }

    @Test
    void tailCountsBothStreamsBeforeTheSplit() throws IOException {
        Path log = log(record(0, "stdout", "F", "o1"), record(1, "stdout", "F", "o2"), record(2, "stderr", "F", "e1"),
                record(3, "stdout", "F", "o3"));
        assertEquals(List.of("out:o3\n"), copy(log, new LogFollower.Window(2, 0, 0), true, false, false));
        assertEquals(List.of("out:o2\n", "err:e1\n", "out:o3\n"),
                copy(log, new LogFollower.Window(3, 0, 0), true, true, false));
        assertEquals(4, copy(log, new LogFollower.Window(100, 0, 0), true, true, false).size());
        assertEquals(List.of(), copy(log, new LogFollower.Window(0, 0, 0), true, true, false));
    }

    @Test
    void tailIgnoresARecordStillBeingWritten() throws IOException {
        Path log = log(record(0, "stdout", "F", "o1"), record(1, "stdout", "F", "o2"));
        append(log, "2026-11-27T14:00:09Z stdout F unfinish");
        assertEquals(List.of("out:o2\n"), copy(log, new LogFollower.Window(1, 0, 0), true, true, false));
    }

    @Test
    void tailAcrossManyBlocks() throws IOException {
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            records.append(record(i, "stdout", "F", "line " + i + " " + "x".repeat(40)));
        }
        Path log = log(records.toString());
        List<String> last = copy(log, new LogFollower.Window(3, 0, 0), true, true, false);
        assertEquals(3, last.size());
        assertTrue(last.get(0).startsWith("out:line 4997 "), last.get(0));
        assertEquals(5000, copy(log, LogFollower.Window.ALL, true, true, false).size());
    }

    @Test
    void sinceAndUntilBoundTheRecordsInclusively() throws IOException {
        Path log = log(record(0, "stdout", "F", "a"), record(1, "stdout", "F", "b"), record(2, "stdout", "F", "c"),
                record(3, "stdout", "F", "d"));
        assertEquals(List.of("out:b\n", "out:c\n", "out:d\n"),
                copy(log, new LogFollower.Window(-1, nanos(1), 0), true, true, false));
        assertEquals(List.of("out:b\n", "out:c\n"),
                copy(log, new LogFollower.Window(-1, nanos(1), nanos(2)), true, true, false));
        // tail first, then since: dockerd's order
        assertEquals(List.of("out:d\n"), copy(log, new LogFollower.Window(1, nanos(1), 0), true, true, false));
    }

    @Test
    void missingFileIsEmpty() throws IOException {
        assertEquals(List.of(), copy(dir.resolve("none.log"), LogFollower.Window.ALL, true, true, false));
        assertEquals(0, LogFollower.end(dir.resolve("none.log")));
    }

    @Test
    void endIsAfterTheLastCompleteRecordAndAnOffsetInsideARecordMovesOn() throws IOException {
        String first = record(0, "stdout", "F", "a");
        Path log = log(first, record(1, "stdout", "F", "b"));
        long full = Files.size(log);
        append(log, "2026-11-27T14:00:09Z stdout F half");
        assertEquals(full, LogFollower.end(log));
        Frames frames = new Frames();
        new LogFollower(log, LogFollower.Window.ALL).copy(3, frames.writer(true, true, false), null, () -> false);
        assertEquals(List.of("out:b\n"), frames.writes);
        frames.writes.clear();
        new LogFollower(log, LogFollower.Window.ALL).copy(first.length(), frames.writer(true, true, false), null,
                () -> false);
        assertEquals(List.of("out:b\n"), frames.writes);
    }

    @Test
    void followReadsWhatIsAppendedAndDrainsWhenTheRunEnds() throws Exception {
        Path log = dir.resolve("later.log");
        CompletableFuture<Void> ended = new CompletableFuture<>();
        Frames frames = new Frames();
        CompletableFuture<Void> copying = CompletableFuture.runAsync(() -> {
            try {
                new LogFollower(log, LogFollower.Window.ALL).copy(0, frames.writer(true, true, false), ended,
                        () -> false);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        append(log, record(0, "stdout", "F", "one"));
        waitFor(() -> frames.writes.size() == 1);
        // a record arrives in two writes, as a reader may see it
        String two = record(1, "stderr", "F", "two");
        append(log, two.substring(0, 10));
        Thread.sleep(50);
        append(log, two.substring(10));
        append(log, record(2, "stdout", "F", "three"));
        ended.complete(null);
        copying.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("out:one\n", "err:two\n", "out:three\n"), frames.writes);
    }

    @Test
    void followOfAFinishedRunEndsAfterTheBacklog() throws Exception {
        Path log = log(record(0, "stdout", "F", "a"));
        Frames frames = new Frames();
        new LogFollower(log, LogFollower.Window.ALL).copy(0, frames.writer(true, true, false),
                CompletableFuture.completedFuture(null), () -> false);
        assertEquals(List.of("out:a\n"), frames.writes);
    }

    @Test
    void followStopsWhenStoppedAndAtUntil() throws Exception {
        Path log = log(record(0, "stdout", "F", "a"));
        AtomicBoolean stop = new AtomicBoolean();
        Frames frames = new Frames();
        CompletableFuture<Void> copying = CompletableFuture.runAsync(() -> {
            try {
                new LogFollower(log, LogFollower.Window.ALL).copy(0, frames.writer(true, true, false),
                        new CompletableFuture<>(), stop::get);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        waitFor(() -> frames.writes.size() == 1);
        stop.set(true);
        copying.get(5, TimeUnit.SECONDS);

        // a record past until ends a follow whose run goes on
        frames.writes.clear();
        new LogFollower(log(record(0, "stdout", "F", "a"), record(5, "stdout", "F", "late")),
                new LogFollower.Window(-1, 0, nanos(1))).copy(0, frames.writer(true, true, false),
                        new CompletableFuture<>(), () -> false);
        assertEquals(List.of("out:a\n"), frames.writes);
    }

    @Test
    void truncatedFileIsReadAgainFromItsStart() throws Exception {
        Path log = log(record(0, "stdout", "F", "old record that is long"));
        CompletableFuture<Void> ended = new CompletableFuture<>();
        Frames frames = new Frames();
        CompletableFuture<Void> copying = CompletableFuture.runAsync(() -> {
            try {
                new LogFollower(log, LogFollower.Window.ALL).copy(0, frames.writer(true, true, false), ended,
                        () -> false);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        waitFor(() -> frames.writes.size() == 1);
        Files.writeString(log, record(1, "stdout", "F", "new"));
        waitFor(() -> frames.writes.size() == 2);
        ended.complete(null);
        copying.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("out:old record that is long\n", "out:new\n"), frames.writes);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in time");
            }
            Thread.sleep(10);
        }
    }
}
