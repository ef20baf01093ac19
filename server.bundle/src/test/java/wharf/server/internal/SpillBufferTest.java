package wharf.server.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The buffer behind policies' view of a body: memory first, then a private temporary file that goes on close. */
@Timeout(10)
class SpillBufferTest {
    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static byte[] readAll(SpillBuffer buffer) throws Exception {
        try (InputStream in = buffer.open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void aBodyUnderTheLimitStaysInMemoryAndReadsBackAsOftenAsAsked() throws Exception {
        byte[] body = random(1000);
        try (SpillBuffer buffer = new SpillBuffer(4096)) {
            buffer.write(body, 0, 600);
            buffer.write(body, 600, 400);
            buffer.seal();
            assertNull(buffer.file());
            assertEquals(1000, buffer.size());
            assertArrayEquals(body, readAll(buffer));
            assertArrayEquals(body, readAll(buffer));
        }
    }

    @Test
    void aBodyOverTheLimitGoesToAnOwnerOnlyFileThatCloseDeletes() throws Exception {
        byte[] body = random(3 * 4096 + 17);
        Path file;
        try (SpillBuffer buffer = new SpillBuffer(4096)) {
            for (int off = 0; off < body.length; off += 1000) {
                buffer.write(body, off, Math.min(1000, body.length - off));
            }
            buffer.seal();
            file = buffer.file();
            assertTrue(Files.exists(file));
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(file));
            assertArrayEquals(body, readAll(buffer));
            assertArrayEquals(body, readAll(buffer));
        }
        assertFalse(Files.exists(file), "the temporary file is deleted on close");
    }

    @Test
    void readingBeforeTheEndAndWritingAfterItAreRefused() throws Exception {
        try (SpillBuffer buffer = new SpillBuffer(16)) {
            buffer.write(1);
            assertThrows(IllegalStateException.class, buffer::open);
            buffer.seal();
            assertThrows(java.io.IOException.class, () -> buffer.write(2));
        }
    }
}
