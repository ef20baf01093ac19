package wharf.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Crash-safe writes on a real file system: the old content or the new, and no temporary file left behind. */
@Timeout(10)
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesAndReplacesCreatingTheDirectory() throws IOException {
        Path target = dir.resolve("a/b/config.json");
        AtomicFiles.write(target, bytes("one"));
        AtomicFiles.write(target, bytes("two"));
        assertArrayEquals(bytes("two"), Files.readAllBytes(target));
        assertEquals(List.of(target), files(target.getParent()));
    }

    @Test
    void aFailedWriteLeavesTheOldContent() throws IOException {
        Path target = dir.resolve("state");
        AtomicFiles.write(target, bytes("old"));
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(bytes("half"));
            throw new IOException("disk full");
        }));
        assertArrayEquals(bytes("old"), Files.readAllBytes(target));
        assertEquals(List.of(target), files(dir));
    }

    @Test
    void moveReplacesTheTarget() throws IOException {
        Path staged = dir.resolve("staged");
        Path target = dir.resolve("blob");
        Files.write(staged, bytes("new"));
        Files.write(target, bytes("old"));
        AtomicFiles.sync(staged);
        AtomicFiles.move(staged, target);
        assertArrayEquals(bytes("new"), Files.readAllBytes(target));
        assertEquals(List.of(target), files(dir));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Path> files(Path in) throws IOException {
        try (Stream<Path> s = Files.list(in)) {
            return s.sorted().toList();
        }
    }
}
