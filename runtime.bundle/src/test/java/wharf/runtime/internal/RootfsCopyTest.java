package wharf.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The copy fallback applies both whiteout forms: .wh. files and overlayfs's 0/0 character devices. */
@Timeout(30)
class RootfsCopyTest {

    @TempDir
    Path tmp;

    @Test
    void upperLayersDeleteWhatTheirWhiteoutsHide() throws IOException {
        Path lower = tmp.resolve("lower");
        Files.createDirectories(lower.resolve("a"));
        Files.createDirectories(lower.resolve("b"));
        Files.createDirectories(lower.resolve("d"));
        Files.writeString(lower.resolve("a/file"), "gone");
        Files.writeString(lower.resolve("a/stays"), "kept");
        Files.writeString(lower.resolve("b/device-hidden"), "gone");
        Files.writeString(lower.resolve("d/x"), "gone");

        Path upper = tmp.resolve("upper");
        Files.createDirectories(upper.resolve("a"));
        Files.createDirectories(upper.resolve("b"));
        Files.createDirectories(upper.resolve("d"));
        Files.writeString(upper.resolve("a/.wh.file"), "");
        Commands.check(List.of("mknod", upper.resolve("b/device-hidden").toString(), "c", "0", "0"), Duration.ofSeconds(10));
        Files.writeString(upper.resolve("d/.wh..wh..opq"), "");
        Files.writeString(upper.resolve("d/y"), "new");

        Path target = tmp.resolve("rootfs");
        Files.createDirectories(target);
        Rootfs.copy(List.of(lower, upper), target);

        assertFalse(Files.exists(target.resolve("a/file")));
        assertEquals("kept", Files.readString(target.resolve("a/stays")));
        assertFalse(Files.exists(target.resolve("b/device-hidden")));
        assertTrue(Files.isDirectory(target.resolve("b")));
        try (Stream<Path> d = Files.list(target.resolve("d"))) {
            assertEquals(List.of(target.resolve("d/y")), d.toList());
        }
        try (Stream<Path> all = Files.walk(target)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().startsWith(".wh.")));
        }
    }
}
