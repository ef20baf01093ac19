package wharf.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import wharf.runtime.api.RuntimeFailure;

/** Exit files written the way conmon writes them (a temp file renamed into place) in real dirs. */
@Timeout(20)
class ExitWatcherTest {
    private static final Duration PROMPT = Duration.ofMillis(200);
    private static final Duration LONG = Duration.ofSeconds(10);

    @TempDir
    Path tmp;
    private final ExitWatcher watcher = new ExitWatcher();
    private final ExecutorService waiters = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        waiters.shutdownNow();
        watcher.close();
    }

    /** As conmon's g_file_set_contents: the content goes to a temp file, which is renamed to the name. */
    private static void writeExit(Path exitFile, int code) throws IOException {
        Path temp = exitFile.resolveSibling("." + exitFile.getFileName() + ".tmp");
        Files.writeString(temp, Integer.toString(code));
        Files.move(temp, exitFile, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path exitDir(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name).resolve("exits"));
    }

    @Test
    void anExitIsSeenWellBeforeTheSafetyPoll() throws Exception {
        Path dir = exitDir("c");
        for (int round = 0; round < 3; round++) {
            Path exitFile = dir.resolve("id" + round);
            Future<Long> seenAt = waiters.submit(() -> {
                assertTrue(watcher.await(exitFile, LONG));
                return System.nanoTime();
            });
            // long enough that the check right after registering has passed
            Thread.sleep(300);
            long written = System.nanoTime();
            writeExit(exitFile, round);
            Duration lag = Duration.ofNanos(seenAt.get() - written);
            assertTrue(lag.compareTo(PROMPT) < 0, "seen " + lag.toMillis() + " ms after the exit");
        }
    }

    @Test
    void fiftyConcurrentAwaitsAllEnd() throws Exception {
        List<Path> exitFiles = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // some share a dir, as a container's execs do not, but several waiters of one file do
            exitFiles.add(exitDir("c" + i % 25).resolve("id" + i));
        }
        List<Future<Boolean>> awaits = new ArrayList<>();
        exitFiles.forEach(f -> awaits.add(waiters.submit(() -> watcher.await(f, LONG))));
        Thread.sleep(300);
        long written = System.nanoTime();
        for (Path f : exitFiles) {
            writeExit(f, 0);
        }
        for (Future<Boolean> await : awaits) {
            assertTrue(await.get());
        }
        Duration all = Duration.ofNanos(System.nanoTime() - written);
        assertTrue(all.compareTo(PROMPT.multipliedBy(2)) < 0, "all 50 seen after " + all.toMillis() + " ms");
    }

    @Test
    void aFileAlreadyThereEndsTheWaitAtOnce() throws Exception {
        Path exitFile = exitDir("c").resolve("id");
        writeExit(exitFile, 3);
        assertTrue(watcher.await(exitFile, Duration.ZERO));
    }

    @Test
    void noExitWithinTheTimeoutIsFalse() throws Exception {
        Path exitFile = exitDir("c").resolve("id");
        long start = System.nanoTime();
        assertFalse(watcher.await(exitFile, Duration.ofMillis(300)));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 300);
        // an empty file is not yet an exit
        Files.createFile(exitFile);
        assertFalse(watcher.await(exitFile, Duration.ofMillis(100)));
    }

    @Test
    void aDirMadeAfterTheWaitBeganIsFoundByTheSafetyPoll() throws Exception {
        Path exitFile = tmp.resolve("later/exits/id");
        Future<Boolean> await = waiters.submit(() -> watcher.await(exitFile, LONG));
        Thread.sleep(200);
        Files.createDirectories(exitFile.getParent());
        writeExit(exitFile, 1);
        assertTrue(await.get());
    }

    @Test
    void filesNoOneWaitsForAreForgotten() throws Exception {
        Path exitFile = exitDir("c").resolve("id");
        assertFalse(watcher.await(exitFile, Duration.ofMillis(50)));
        assertEquals(1, watcher.awaitedFiles());
        // two safety checks: the first marks it unwanted, the second drops it
        Thread.sleep(ExitWatcher.SAFETY_POLL.multipliedBy(2).toMillis() + 500);
        assertEquals(0, watcher.awaitedFiles());
    }

    @Test
    void aWaitLongerThanTheSafetyChecksStillEnds() throws Exception {
        Path exitFile = exitDir("c").resolve("id");
        Future<Long> seenAt = waiters.submit(() -> {
            assertTrue(watcher.await(exitFile, LONG));
            return System.nanoTime();
        });
        Thread.sleep(ExitWatcher.SAFETY_POLL.multipliedBy(3).toMillis());
        assertEquals(1, watcher.awaitedFiles());
        long written = System.nanoTime();
        writeExit(exitFile, 0);
        Duration lag = Duration.ofNanos(seenAt.get() - written);
        assertTrue(lag.compareTo(PROMPT) < 0, "seen " + lag.toMillis() + " ms after the exit");
    }

    @Test
    void closingEndsTheWaiters() throws Exception {
        Path exitFile = exitDir("c").resolve("id");
        Future<Boolean> await = waiters.submit(() -> watcher.await(exitFile, LONG));
        Thread.sleep(200);
        watcher.close();
        Exception e = assertThrows(Exception.class, await::get);
        assertTrue(e.getCause() instanceof RuntimeFailure, e.toString());
        assertThrows(RuntimeFailure.class, () -> watcher.await(exitFile, LONG));
    }
}
