package wharf.daemon.internal.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * CVE-2018-15664's race: while copies run in and out, a thread keeps swapping a directory of the
 * root for a symlink to a directory outside it. Whatever moment a copy meets, it never reads the
 * outside files and never writes beside them.
 */
@Timeout(120)
class SwapRaceTest {
    private static final int ROUNDS = 200;
    /** Each state (directory, link) lasts about this long, so copies meet both and the swaps between. */
    private static final long DWELL_NANOS = 20_000;

    @TempDir
    Path base;

    @Test
    void swappingADirectoryForALinkNeverLeadsOutside() throws Exception {
        Path root = Files.createDirectories(base.resolve("root"));
        Path outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(outside.resolve("f"), EscapeTest.SECRET);
        Files.writeString(outside.resolve("sentinel"), EscapeTest.SECRET);
        Map<String, String> before = EscapeTest.snapshot(outside);
        Path work = Files.createDirectories(root.resolve("work"));
        Path d = Files.createDirectories(work.resolve("d"));
        Files.writeString(d.resolve("f"), "inside");
        Path parked = work.resolve("parked");
        Path link = Files.createSymbolicLink(work.resolve("link"), outside);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger swaps = new AtomicInteger();
        Thread swapper = new Thread(() -> {
            try {
                while (!stop.get()) {
                    Files.move(d, parked, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(link, d, StandardCopyOption.ATOMIC_MOVE);
                    LockSupport.parkNanos(DWELL_NANOS);
                    Files.move(d, link, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(parked, d, StandardCopyOption.ATOMIC_MOVE);
                    LockSupport.parkNanos(DWELL_NANOS);
                    swaps.incrementAndGet();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "swapper");
        swapper.start();
        int readInside = 0;
        try {
            for (int i = 0; i < ROUNDS; i++) {
                try (RootDir dir = RootDir.open(root, i % 2 == 0)) {
                    PathArchiver archiver = new PathArchiver(dir);
                    String content = attempt(() -> EscapeTest.fileIn(archiver, "/work/d/f"));
                    assertFalse(EscapeTest.SECRET.equals(content), "read the outside file in round " + i);
                    if ("inside".equals(content)) {
                        readInside++;
                    }
                    String tar = attempt(() -> {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        archiver.archive("/work/d", out);
                        return out.toString(StandardCharsets.ISO_8859_1);
                    });
                    assertFalse(tar != null && tar.contains(EscapeTest.SECRET), "archived the outside dir in round " + i);
                    byte[] in = EscapeTest.tar(EscapeTest.file("new-" + i, "n"));
                    attempt(() -> {
                        new ArchiveExtractor(dir, "/work/d", false, null).extract(new ByteArrayInputStream(in));
                        return null;
                    });
                    byte[] through = EscapeTest.tar(EscapeTest.file("d/through-" + i, "t"));
                    attempt(() -> {
                        new ArchiveExtractor(dir, "/work", false, null).extract(new ByteArrayInputStream(through));
                        return null;
                    });
                }
            }
        } finally {
            stop.set(true);
            swapper.join(10_000);
        }
        assertTrue(swaps.get() > 0, "the swapper never ran");
        assertTrue(readInside > 0, "no copy ever read the directory itself");
        assertEquals(before, EscapeTest.snapshot(outside), "a copy wrote outside the root");
    }

    /** A copy that lost the race fails (the path was missing or a link); that is allowed, leaking is not. */
    private static <T> T attempt(Step<T> step) {
        try {
            return step.run();
        } catch (IOException e) {
            return null;
        }
    }

    @FunctionalInterface
    interface Step<T> {
        T run() throws IOException;
    }
}
