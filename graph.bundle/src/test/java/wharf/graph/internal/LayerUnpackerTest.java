package wharf.graph.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wharf.engine.api.InvalidParameterError;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LayerUnpackerTest {
    private static final int S_IFMT = 0170000;

    @TempDir
    Path tmp;

    private final LayerUnpacker overlay = new LayerUnpacker(LayerUnpacker.Whiteouts.OVERLAY);

    private Path unpack(LayerUnpacker unpacker, byte[] tar) throws IOException {
        Path root = Files.createTempDirectory(tmp, "root");
        unpacker.unpack(new ByteArrayInputStream(tar), root);
        return root;
    }

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Test
    void filesDirectoriesModesOwnersAndTimes() throws IOException {
        assumeTrue(NativeFs.available() && root(), "needs root and native calls");
        TarArchiveEntry owned = new TarArchiveEntry("srv/owned");
        owned.setMode(04755);
        owned.setSize(2);
        owned.setUserId(1234);
        owned.setGroupId(5678);
        owned.setLastModifiedTime(java.nio.file.attribute.FileTime.fromMillis(1_500_000_000_123L));
        byte[] tar = new TestTars().dir("srv", 0700).entry(owned, "hi".getBytes(StandardCharsets.UTF_8))
                .file("./etc/passwd", "root:x:0:0::/root:/bin/sh\n").bytes();
        Path root = unpack(overlay, tar);

        Path f = root.resolve("srv/owned");
        assertEquals("hi", Files.readString(f));
        assertEquals(04755, mode(f) & 07777, "setuid survives");
        assertEquals(1234, Files.getAttribute(f, "unix:uid"));
        assertEquals(5678, Files.getAttribute(f, "unix:gid"));
        assertEquals(1_500_000_000_123L, Files.getLastModifiedTime(f).toMillis());
        assertEquals(0700, mode(root.resolve("srv")) & 07777);
        assertEquals(1_600_000_000_000L, Files.getLastModifiedTime(root.resolve("srv")).toMillis(),
                "a directory keeps its time although a file was written into it later");
        assertTrue(Files.isDirectory(root.resolve("etc")), "implied parent directories are created");
        assertEquals(0755, mode(root.resolve("etc")) & 07777);
    }

    @Test
    void whiteoutsBecomeOverlayWhiteouts() throws IOException {
        assumeTrue(NativeFs.available() && root(), "needs root and native calls");
        byte[] tar = new TestTars().dir("etc", 0755).file("etc/.wh.gone", "").dir("opt", 0755)
                .file("opt/.wh..wh..opq", "").file("opt/new", "n").bytes();
        Path root = unpack(overlay, tar);

        Path whiteout = root.resolve("etc/gone");
        assertEquals(0020000, mode(whiteout) & S_IFMT, "a character device");
        assertEquals(0L, ((Number) Files.getAttribute(whiteout, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).longValue());
        assertFalse(Files.exists(root.resolve("etc/.wh.gone"), LinkOption.NOFOLLOW_LINKS));
        assertArrayEquals(new byte[] {'y'}, NativeFs.lgetxattr(root.resolve("opt"), LayerUnpacker.OPAQUE_XATTR));
        assertFalse(Files.exists(root.resolve("opt/.wh..wh..opq")));
        assertEquals("n", Files.readString(root.resolve("opt/new")));
        assertNull(NativeFs.lgetxattr(root.resolve("etc"), LayerUnpacker.OPAQUE_XATTR));
    }

    @Test
    void whiteoutsStayFilesWhereOverlayOnesCannotBeMade() throws IOException {
        byte[] tar = new TestTars().dir("etc", 0755).file("etc/.wh.gone", "").file("etc/.wh..wh..opq", "").bytes();
        Path root = unpack(new LayerUnpacker(LayerUnpacker.Whiteouts.FILES), tar);
        assertTrue(Files.isRegularFile(root.resolve("etc/.wh.gone")));
        assertTrue(Files.isRegularFile(root.resolve("etc/.wh..wh..opq")));
    }

    @Test
    void hardLinksShareTheFileAndCountOnce() throws IOException {
        byte[] tar = new TestTars().dir("bin", 0755).file("bin/a", "12345").hardlink("bin/b", "bin/a").bytes();
        Path root = Files.createDirectory(tmp.resolve("root"));
        long size = overlay.unpack(new ByteArrayInputStream(tar), root).size();
        assertEquals(Files.getAttribute(root.resolve("bin/a"), "unix:ino"), Files.getAttribute(root.resolve("bin/b"), "unix:ino"));
        assertEquals(5, size);
    }

    @Test
    void symlinksAreCreatedNotFollowedAndAddNoSize() throws IOException {
        byte[] tar = new TestTars().dir("bin", 0755).file("bin/busybox", "12345").symlink("bin/sh", "busybox")
                .symlink("bin/abs", "/bin/busybox").bytes();
        Path root = Files.createDirectory(tmp.resolve("root"));
        long size = overlay.unpack(new ByteArrayInputStream(tar), root).size();
        assertEquals(Path.of("busybox"), Files.readSymbolicLink(root.resolve("bin/sh")));
        assertEquals(Path.of("/bin/busybox"), Files.readSymbolicLink(root.resolve("bin/abs")),
                "absolute targets resolve inside the container's root");
        assertEquals(5, size, "as dockerd's layer store counts an applied diff");
    }

    @Test
    void refusesDotDot() {
        byte[] tar = new TestTars().file("../escape", "x").bytes();
        InvalidParameterError e = assertThrows(InvalidParameterError.class, () -> unpack(overlay, tar));
        assertEquals("invalid tar entry \"../escape\": a path may not contain \"..\"", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("escape")));
        assertFalse(Files.exists(Path.of("escape")));

        byte[] inner = new TestTars().file("a/../../escape", "x").bytes();
        assertThrows(InvalidParameterError.class, () -> unpack(overlay, inner));
    }

    @Test
    void refusesAbsolutePaths() {
        byte[] tar = new TestTars().file("/etc/evil", "x").bytes();
        InvalidParameterError e = assertThrows(InvalidParameterError.class, () -> unpack(overlay, tar));
        assertEquals("invalid tar entry \"/etc/evil\": absolute path", e.getMessage());
    }

    @Test
    void refusesSymlinksThatClimbOut() throws IOException {
        byte[] tar = new TestTars().dir("a", 0755).symlink("a/link", "../../outside").bytes();
        InvalidParameterError e = assertThrows(InvalidParameterError.class, () -> unpack(overlay, tar));
        assertEquals("invalid symlink \"a/link\" -> \"../../outside\"", e.getMessage());
    }

    @Test
    void refusesHardLinksThatClimbOutOrPointNowhere() throws IOException {
        Files.writeString(tmp.resolve("secret"), "s");
        byte[] out = new TestTars().hardlink("x", "../secret").bytes();
        InvalidParameterError e = assertThrows(InvalidParameterError.class, () -> unpack(overlay, out));
        assertEquals("invalid hardlink \"x\" -> \"../secret\"", e.getMessage());

        byte[] nowhere = new TestTars().hardlink("x", "missing").bytes();
        assertThrows(InvalidParameterError.class, () -> unpack(overlay, nowhere));
    }

    @Test
    void neverWritesThroughASymlinkInTheLayer() throws IOException {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        byte[] tar = new TestTars().symlink("evil", outside.toString()).file("evil/planted", "x").bytes();
        InvalidParameterError e = assertThrows(InvalidParameterError.class, () -> unpack(overlay, tar));
        assertEquals("invalid tar entry \"evil/planted\": its parent evil is a symlink", e.getMessage());
        assertFalse(Files.exists(outside.resolve("planted")));

        byte[] viaHardlink = new TestTars().symlink("evil", outside.toString()).hardlink("stolen", "evil/x").bytes();
        Files.writeString(outside.resolve("x"), "secret");
        assertThrows(InvalidParameterError.class, () -> unpack(overlay, viaHardlink));
    }

    @Test
    void laterEntriesReplaceEarlierOnesAndDirectoriesMerge() throws IOException {
        byte[] tar = new TestTars().dir("d", 0755).file("d/a", "1").file("f", "old").symlink("f", "d/a")
                .dir("d", 0700).bytes();
        Path root = unpack(overlay, tar);
        assertTrue(Files.isSymbolicLink(root.resolve("f")));
        assertEquals("1", Files.readString(root.resolve("d/a")), "the directory entry merged, keeping its files");
        assertEquals(0700, mode(root.resolve("d")) & 07777);
    }

    @Test
    void deviceNodesAndFifos() throws IOException {
        assumeTrue(NativeFs.available() && root(), "needs root and native calls");
        byte[] tar = new TestTars().dir("dev", 0755).device("dev/null", TarConstants.LF_CHR, 1, 3)
                .device("dev/fifo", TarConstants.LF_FIFO, 0, 0).bytes();
        Path root = unpack(overlay, tar);
        Path dev = root.resolve("dev/null");
        assertEquals(0020000, mode(dev) & S_IFMT);
        assertEquals(NativeFs.makedev(1, 3), ((Number) Files.getAttribute(dev, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).longValue());
        assertEquals(0010000, mode(root.resolve("dev/fifo")) & S_IFMT);
    }

    @Test
    void xattrsFromPaxHeaders() throws IOException {
        assumeTrue(NativeFs.available() && root(), "needs root and native calls");
        TarArchiveEntry e = new TarArchiveEntry("f");
        e.setSize(1);
        e.setMode(0644);
        e.addPaxHeader("SCHILY.xattr.user.note", "hello");
        e.addPaxHeader("SCHILY.xattr.trusted.overlay.opaque", "y");
        byte[] tar = new TestTars().entry(e, new byte[] {'x'}).bytes();
        Path root = unpack(overlay, tar);
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), NativeFs.lgetxattr(root.resolve("f"), "user.note"));
        assertNull(NativeFs.lgetxattr(root.resolve("f"), "trusted.overlay.opaque"), "overlayfs's xattrs never come from a tar");
    }

    @Test
    void aTruncatedTarFails() {
        byte[] tar = TestTars.smallLayer("t");
        byte[] cut = java.util.Arrays.copyOf(tar, 700);
        assertThrows(IOException.class, () -> unpack(overlay, cut));
    }
}
