package wharf.daemon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

import wharf.engine.api.container.ContainerChange;

/**
 * Changes from a real upper dir over real layer dirs, with overlayfs's whiteouts (0/0 character
 * devices, made with mknod) and opaque directories (the trusted xattr): this test runs as root,
 * as the daemon does.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LayerChangesTest {
    private static final int S_IFCHR = 0020000;
    private static final FileTime IMAGE_TIME = FileTime.fromMillis(1_700_000_000_000L);

    @TempDir
    Path tmp;
    private Path base;
    private Path top;
    private Path upper;

    /** The calls the test needs to make what overlayfs makes. */
    private interface LibC extends Library {
        LibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, LibC.class);

        int mknod(String path, int mode, long dev) throws LastErrorException;

        int lsetxattr(String path, String name, byte[] value, long size, int flags) throws LastErrorException;
    }

    @BeforeEach
    void image() throws IOException {
        base = Files.createDirectories(tmp.resolve("base"));
        top = Files.createDirectories(tmp.resolve("top"));
        upper = Files.createDirectories(tmp.resolve("upper"));
        file(base, "bin/sh", "sh");
        file(base, "bin/yes", "yes");
        file(base, "etc/passwd", "root");
        file(base, "etc/conf.d/a", "a");
        file(base, "etc/conf.d/b", "b");
        file(base, "gone/x", "x");
        file(top, "etc/group", "root");
        whiteout(top.resolve("gone"));
        for (Path layer : List.of(base, top)) {
            try (var paths = Files.walk(layer)) {
                for (Path p : paths.filter(Files::isDirectory).toList()) {
                    Files.setLastModifiedTime(p, IMAGE_TIME);
                }
            }
        }
    }

    @Test
    void nothingChangedIsEmpty() throws IOException {
        assertEquals(List.of(), changes());
    }

    @Test
    void addedChangedAndDeletedWithTheirParents() throws IOException {
        file(upper, "newfile", "new");
        file(upper, "etc/passwd", "root and more");
        whiteout(upper.resolve("bin/yes"));
        file(upper, "tmp/deep/file", "d");
        // a copied-up directory that kept the image's mode, size and time is no change of its own,
        // and a modified file does not make its parent one (moby), unlike an addition or deletion
        copyUp("etc");
        copyUp("bin");

        assertEquals(List.of(
                new ContainerChange("/bin", ContainerChange.MODIFIED),
                new ContainerChange("/bin/yes", ContainerChange.DELETED),
                new ContainerChange("/etc/passwd", ContainerChange.MODIFIED),
                new ContainerChange("/newfile", ContainerChange.ADDED),
                new ContainerChange("/tmp", ContainerChange.ADDED),
                new ContainerChange("/tmp/deep", ContainerChange.ADDED),
                new ContainerChange("/tmp/deep/file", ContainerChange.ADDED)), changes());
    }

    @Test
    void aFileOfAnUpperLayerCountsAsTheImages() throws IOException {
        file(upper, "etc/group", "root,daemon");
        copyUp("etc");
        assertEquals(List.of(new ContainerChange("/etc/group", ContainerChange.MODIFIED)), changes(),
                "the parent kept its time: only the file changed");
    }

    @Test
    void whatALayerDeletedIsNotTheImagesAndComesBackAdded() throws IOException {
        file(upper, "gone/x", "again");
        assertEquals(List.of(new ContainerChange("/gone", ContainerChange.ADDED),
                new ContainerChange("/gone/x", ContainerChange.ADDED)), changes());
    }

    @Test
    void anOpaqueDirectoryDeletesWhatTheImageHadInIt() throws IOException {
        // rm -rf /etc/conf.d && mkdir /etc/conf.d && echo > /etc/conf.d/b
        Path dir = Files.createDirectories(upper.resolve("etc/conf.d"));
        LibC.INSTANCE.lsetxattr(dir.toString(), LayerChanges.OPAQUE_XATTR, new byte[] {'y'}, 1, 0);
        file(upper, "etc/conf.d/b", "b again");
        copyUp("etc");

        assertEquals(List.of(new ContainerChange("/etc/conf.d", ContainerChange.MODIFIED),
                new ContainerChange("/etc/conf.d/a", ContainerChange.DELETED),
                new ContainerChange("/etc/conf.d/b", ContainerChange.MODIFIED)), changes());
    }

    @Test
    void theInitLayersPathsAreNoUserChanges() {
        List<ContainerChange> all = List.of(new ContainerChange("/dev", ContainerChange.ADDED),
                new ContainerChange("/dev/shm", ContainerChange.ADDED),
                new ContainerChange("/etc", ContainerChange.ADDED),
                new ContainerChange("/etc/hostname", ContainerChange.ADDED),
                new ContainerChange("/etc/hosts", ContainerChange.ADDED),
                new ContainerChange("/newfile", ContainerChange.ADDED),
                new ContainerChange("/proc", ContainerChange.ADDED),
                new ContainerChange("/sys", ContainerChange.ADDED));
        assertEquals(List.of(new ContainerChange("/newfile", ContainerChange.ADDED)), LayerChanges.withoutInitLayer(all));

        List<ContainerChange> etcChanged = List.of(new ContainerChange("/etc", ContainerChange.MODIFIED),
                new ContainerChange("/etc/hosts", ContainerChange.ADDED),
                new ContainerChange("/etc/q", ContainerChange.ADDED));
        assertEquals(List.of(new ContainerChange("/etc", ContainerChange.MODIFIED),
                new ContainerChange("/etc/q", ContainerChange.ADDED)), LayerChanges.withoutInitLayer(etcChanged),
                "/etc stays when the user changed something in it");
    }

    private List<ContainerChange> changes() throws IOException {
        return LayerChanges.of(upper, List.of(base, top));
    }

    /** The directory in the upper dir as overlayfs copies it up: the image's mode and time. */
    private void copyUp(String dir) throws IOException {
        Path copy = Files.createDirectories(upper.resolve(dir));
        Files.setLastModifiedTime(copy, Files.getLastModifiedTime(base.resolve(dir)));
        Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(base.resolve(dir)));
        // ext4 and tmpfs directory sizes differ with their entries: copy-up keeps what the lower had only in time
        if (!Files.getAttribute(copy, "size").equals(Files.getAttribute(base.resolve(dir), "size"))) {
            throw new IllegalStateException("directory sizes differ on this filesystem; the test assumes they do not");
        }
    }

    private static void file(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void whiteout(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        LibC.INSTANCE.mknod(path.toString(), S_IFCHR, 0);
    }
}
