package wharf.daemon.internal.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wharf.engine.api.container.PathStat;

/**
 * Links planted in a container root never lead a read or a write outside it, whichever walk
 * (the kernel's openat2 or the one in user space) resolves the paths. A sentinel outside the root
 * must never show up in what is read and must stay as it was; nothing may appear beside it.
 */
@Timeout(30)
class EscapeTest {
    static final String SECRET = "secret-outside-the-root";

    @TempDir
    Path base;
    Path root;
    Path outside;
    Path sentinel;
    Map<String, String> outsideBefore;

    @BeforeEach
    void plant() throws IOException {
        root = Files.createDirectories(base.resolve("root"));
        outside = Files.createDirectories(base.resolve("outside"));
        sentinel = Files.writeString(outside.resolve("sentinel"), SECRET);
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.createSymbolicLink(root.resolve("abs"), Path.of("/"));
        Files.createSymbolicLink(root.resolve("rel"), Path.of("../../../../../.."));
        Files.createSymbolicLink(root.resolve("host"), outside);
        Files.createSymbolicLink(root.resolve("hostfile"), sentinel);
        Files.createSymbolicLink(root.resolve("c1"), Path.of("c2"));
        Files.createSymbolicLink(root.resolve("c2"), Path.of("etc/../../c3"));
        Files.createSymbolicLink(root.resolve("c3"), outside);
        Files.createSymbolicLink(root.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(root.resolve("loop2"), Path.of("/loop1"));
        outsideBefore = snapshot(outside);
    }

    @AfterEach
    void outsideUntouched() throws IOException {
        assertEquals(outsideBefore, snapshot(outside), "a file outside the root was written");
        assertEquals(SECRET, Files.readString(sentinel));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void escapingLinksResolveInsideTheRoot(boolean kernelWalk) throws IOException {
        String rel = base.relativize(sentinel).toString();
        List<String> paths = List.of("/abs" + sentinel, "/rel/" + rel, "/rel/../../" + rel, "/host/sentinel",
                "/c1/sentinel", "/../../../" + rel, sentinel.toString());
        try (RootDir dir = RootDir.open(root, kernelWalk)) {
            PathArchiver archiver = new PathArchiver(dir);
            for (String p : paths) {
                IOException e = assertThrows(IOException.class, () -> archiver.archive(p, new ByteArrayOutputStream()),
                        p + " was found outside the root");
                assertTrue(RootDir.notFound(e), p + ": " + e);
            }
            // a link as the last element is archived as the link; the seed's copy follows it, inside
            assertEquals("<hostfile>", fileIn(archiver, "/hostfile"));
            IOException followed = assertThrows(IOException.class,
                    () -> archiver.copy("/hostfile", new ByteArrayOutputStream()));
            assertTrue(RootDir.notFound(followed), followed.toString());
            // the same paths find what the root holds where the links lead inside it
            for (Path planted : List.of(root.resolve(sentinel.toString().substring(1)), root.resolve(rel))) {
                Files.createDirectories(planted.getParent());
                Files.writeString(planted, "inside");
            }
            for (String p : paths) {
                assertEquals("inside", fileIn(archiver, p), p);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aLinkLoopFails(boolean kernelWalk) throws IOException {
        try (RootDir dir = RootDir.open(root, kernelWalk)) {
            Fs.NativeError e = assertThrows(Fs.NativeError.class, () -> dir.lookup("/loop1/x", true));
            assertEquals(Fs.ELOOP, e.errno());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theWholeRootHoldsLinksNotTheirTargets(boolean kernelWalk) throws IOException {
        try (RootDir dir = RootDir.open(root, kernelWalk)) {
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            new PathArchiver(dir).archive("/", tar);
            assertFalse(tar.toString(StandardCharsets.ISO_8859_1).contains(SECRET));
            Map<String, TarArchiveEntry> entries = entries(tar.toByteArray());
            assertEquals(outside.toString(), entries.get("/host").getLinkName());
            assertTrue(entries.containsKey("/etc/passwd"), entries.keySet().toString());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void statNamesAndLinkTargetsAreDockerds(boolean kernelWalk) throws IOException {
        Files.createSymbolicLink(root.resolve("etc/sh"), Path.of("../bin/busybox"));
        try (RootDir dir = RootDir.open(root, kernelWalk)) {
            PathArchiver archiver = new PathArchiver(dir);
            PathStat sh = archiver.stat("/etc/sh");
            assertEquals("sh", sh.name());
            assertEquals((1L << 27) | 0777, sh.mode());
            assertEquals("/bin/busybox", sh.linkTarget());
            assertEquals(outside.toString(), archiver.stat("/host").linkTarget(), "an absolute link stays in the root");
            assertEquals(".", archiver.stat("/etc/.").name());
            assertEquals("etc", archiver.stat("/etc/").name());
            assertEquals("/", archiver.stat("/").name());
            assertEquals(1L << 31, archiver.stat("/etc").mode() & (1L << 31));
            Fs.NativeError e = assertThrows(Fs.NativeError.class, () -> archiver.stat("/etc/passwd/"));
            assertEquals(Fs.ENOTDIR, e.errno());
            assertEquals(List.of("etc/", "etc/passwd", "etc/sh"), names(archiver, "/etc"));
            assertEquals(List.of("./", "./passwd", "./sh"), names(archiver, "/etc/."));
            assertEquals(List.of("passwd"), names(archiver, "etc/passwd"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "a/../../evil", "/evil", "./../evil"})
    void entriesAboveTheDirectoryAreRefused(String name) throws IOException {
        try (RootDir dir = RootDir.open(root)) {
            byte[] tar = tar(file(name, "evil"));
            assertThrows(ArchiveExtractor.BreakoutException.class,
                    () -> new ArchiveExtractor(dir, "/etc", false, null).extract(new ByteArrayInputStream(tar)));
        }
        assertFalse(Files.exists(base.resolve("evil")));
        assertFalse(Files.exists(root.resolve("evil")));
    }

    @Test
    void escapingHardLinksAndRelativeSymlinksAreRefused() throws IOException {
        try (RootDir dir = RootDir.open(root)) {
            for (TarArchiveEntry e : List.of(link("h", TarConstants.LF_LINK, "../../outside/sentinel"),
                    link("s", TarConstants.LF_SYMLINK, "../../../outside/sentinel"))) {
                byte[] tar = tar(e);
                assertThrows(ArchiveExtractor.BreakoutException.class,
                        () -> new ArchiveExtractor(dir, "/etc", false, null).extract(new ByteArrayInputStream(tar)));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void writesThroughPlantedLinksStayInside(boolean kernelWalk) throws IOException {
        try (RootDir dir = RootDir.open(root, kernelWalk)) {
            // a link in the tar to the host's outside dir, then a file through it
            byte[] tar = tar(link("l", TarConstants.LF_SYMLINK, outside.toString()), file("l/written", "x"),
                    file("host/written2", "y"), file("hostfile", "replaced"));
            new ArchiveExtractor(dir, "/", false, null).extract(new ByteArrayInputStream(tar));
        }
        Path inside = root.resolve(outside.toString().substring(1));
        assertEquals("x", Files.readString(inside.resolve("written")));
        assertEquals("y", Files.readString(inside.resolve("written2")));
        assertEquals("replaced", Files.readString(root.resolve("hostfile")), "the link itself is replaced");
    }

    @Test
    void copyUidGidAndNoOverwriteDirNonDir() throws IOException {
        try (RootDir dir = RootDir.open(root)) {
            new ArchiveExtractor(dir, "/etc", false, new ArchiveExtractor.Owner(5, 6))
                    .extract(new ByteArrayInputStream(tar(file("owned", "o"))));
            assertEquals(5, Files.getAttribute(root.resolve("etc/owned"), "unix:uid"));
            assertEquals(6, Files.getAttribute(root.resolve("etc/owned"), "unix:gid"));
            byte[] dirOverFile = tar(new TarArchiveEntry("passwd/", TarConstants.LF_DIR));
            assertThrows(ArchiveExtractor.OverwriteException.class, () -> new ArchiveExtractor(dir, "/etc", true, null)
                    .extract(new ByteArrayInputStream(dirOverFile)));
            assertTrue(Files.isRegularFile(root.resolve("etc/passwd")));
        }
    }

    @Test
    void linksDevicesModesAndTimesRoundTrip() throws IOException {
        TarArchiveEntry data = file("d/data", "data");
        data.setMode(0640);
        data.setUserId(7);
        data.setGroupId(8);
        data.setModTime(java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        TarArchiveEntry dev = new TarArchiveEntry("d/null2", TarConstants.LF_CHR, true);
        dev.setDevMajor(1);
        dev.setDevMinor(3);
        dev.setMode(0600);
        try (RootDir dir = RootDir.open(root)) {
            new ArchiveExtractor(dir, "/etc", false, null).extract(new ByteArrayInputStream(tar(data,
                    link("d/hard", TarConstants.LF_LINK, "d/data"), link("d/soft", TarConstants.LF_SYMLINK, "data"),
                    dev)));
            Path d = root.resolve("etc/d");
            assertEquals("data", Files.readString(d.resolve("hard")));
            assertEquals(Files.getAttribute(d.resolve("data"), "unix:ino"), Files.getAttribute(d.resolve("hard"), "unix:ino"));
            assertEquals(Path.of("data"), Files.readSymbolicLink(d.resolve("soft")));
            assertEquals(0640, (int) Files.getAttribute(d.resolve("data"), "unix:mode") & 07777);
            assertEquals(7, Files.getAttribute(d.resolve("data"), "unix:uid"));
            assertEquals(1_000_000_000_000L, Files.getLastModifiedTime(d.resolve("data")).toMillis());
            assertEquals(0020000, (int) Files.getAttribute(d.resolve("null2"), "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS) & 0170000);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new PathArchiver(dir).archive("/etc/d", out);
            Map<String, TarArchiveEntry> back = entries(out.toByteArray());
            assertEquals(List.of("d/", "d/data", "d/hard", "d/null2", "d/soft"), new ArrayList<>(back.keySet()));
            assertTrue(back.get("d/hard").isLink());
            assertEquals("d/data", back.get("d/hard").getLinkName());
            assertEquals(3, back.get("d/null2").getDevMinor());
            assertEquals(7, back.get("d/data").getLongUserId());
        }
    }

    static String fileIn(PathArchiver archiver, String path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        archiver.archive(path, out);
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            TarArchiveEntry e = in.getNextEntry();
            return e.isFile() && !e.isSymbolicLink() && !e.isLink() ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : "<" + e.getName() + ">";
        }
    }

    static List<String> names(PathArchiver archiver, String path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        archiver.archive(path, out);
        return new ArrayList<>(entries(out.toByteArray()).keySet());
    }

    static Map<String, TarArchiveEntry> entries(byte[] tar) throws IOException {
        Map<String, TarArchiveEntry> out = new TreeMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), e);
            }
        }
        return out;
    }

    static TarArchiveEntry file(String name, String content) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setSize(content.length());
        e.setMode(0644);
        return withContent(e, content);
    }

    static TarArchiveEntry link(String name, byte type, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setLinkName(target);
        return e;
    }

    private static final Map<TarArchiveEntry, String> CONTENT = new java.util.IdentityHashMap<>();

    private static TarArchiveEntry withContent(TarArchiveEntry e, String content) {
        synchronized (CONTENT) {
            CONTENT.put(e, content);
        }
        return e;
    }

    static byte[] tar(TarArchiveEntry... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (TarArchiveEntry e : entries) {
                tar.putArchiveEntry(e);
                String content;
                synchronized (CONTENT) {
                    content = CONTENT.remove(e);
                }
                if (content != null) {
                    tar.write(content.getBytes(StandardCharsets.UTF_8));
                }
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    /** Every path under {@code dir} with its content (or its kind), links not followed. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                out.put(dir.relativize(p).toString(), Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        ? Files.readString(p) : Files.isSymbolicLink(p) ? "link" : "dir");
            }
        }
        return out;
    }
}
