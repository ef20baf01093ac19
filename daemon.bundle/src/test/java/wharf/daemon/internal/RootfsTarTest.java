package wharf.daemon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/** The export tar of a real tree: every kind of entry, links kept as links and never followed. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RootfsTarTest {
    private static final int S_IFCHR = 0020000;
    private static final FileTime TIME = FileTime.fromMillis(1_700_000_000_000L);

    @TempDir
    Path tmp;

    private interface LibC extends Library {
        LibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, LibC.class);

        int mknod(String path, int mode, long dev) throws LastErrorException;

        int lchown(String path, int uid, int gid) throws LastErrorException;
    }

    @Test
    void writesEveryKindOfEntryWithItsOwnerModeAndTime() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("rootfs"));
        Path outside = Files.writeString(tmp.resolve("secret"), "host file");
        Path file = Files.writeString(Files.createDirectories(root.resolve("etc")).resolve("passwd"), "root:x:0:0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        LibC.INSTANCE.lchown(file.toString(), 1000, 2000);
        Files.setLastModifiedTime(file, TIME);
        Files.createLink(root.resolve("etc/passwd-hardlink"), file);
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("up"), Path.of(".."));
        Files.createDirectories(root.resolve("dev"));
        LibC.INSTANCE.mknod(root.resolve("dev/null").toString(), S_IFCHR | 0666, (1 << 8) | 3);
        new ProcessBuilder("mkfifo", root.resolve("fifo").toString()).start().waitFor();
        Files.createDirectories(root.resolve("proc"));

        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, String> contents = new LinkedHashMap<>();
        read(root, entries, contents);

        assertEquals(List.of("dev/", "dev/null", "escape", "etc/", "etc/passwd", "etc/passwd-hardlink", "fifo",
                "proc/", "up"), List.copyOf(entries.keySet()), "sorted, relative, the root left out");
        TarArchiveEntry passwd = entries.get("etc/passwd");
        assertEquals(0640, passwd.getMode());
        assertEquals(1000, passwd.getLongUserId());
        assertEquals(2000, passwd.getLongGroupId());
        assertEquals(TIME.toMillis() / 1000, passwd.getModTime().getTime() / 1000);
        assertEquals("root:x:0:0\n", contents.get("etc/passwd"));
        assertTrue(entries.get("etc/passwd-hardlink").isLink());
        assertEquals("etc/passwd", entries.get("etc/passwd-hardlink").getLinkName());
        assertTrue(entries.get("escape").isSymbolicLink());
        assertEquals(outside.toString(), entries.get("escape").getLinkName(), "stored as a link, not followed");
        assertTrue(entries.get("up").isSymbolicLink());
        assertTrue(entries.get("dev/null").isCharacterDevice());
        assertEquals(1, entries.get("dev/null").getDevMajor());
        assertEquals(3, entries.get("dev/null").getDevMinor());
        assertTrue(entries.get("fifo").isFIFO());
        assertTrue(entries.get("proc/").isDirectory());
        assertTrue(contents.values().stream().noneMatch(c -> c.contains("host file")));
    }

    @Test
    void stopsWhenCancelled() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("rootfs"));
        Files.writeString(root.resolve("a"), "a");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RootfsTar.write(root, out, () -> true);
        assertEquals(0, out.size(), "nothing written once the client is gone");
    }

    private static void read(Path root, Map<String, TarArchiveEntry> entries, Map<String, String> contents)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RootfsTar.write(root, out, () -> false);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.put(e.getName(), e);
                if (e.isFile()) {
                    contents.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }
}
