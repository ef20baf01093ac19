package wharf.runtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.jna.Library;
import com.sun.jna.Native;

import wharf.runtime.api.RuntimeFailure;
import wharf.common.fs.FileTrees;

/**
 * A container's rootfs: an overlayfs mount of the image's layers with a writable upper dir, or,
 * where overlayfs cannot be mounted, a plain copy of the layers with their whiteouts applied.
 */
final class Rootfs {
    private static final Logger LOG = LoggerFactory.getLogger(Rootfs.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE_MARKER = ".wh..wh..opq";
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";

    private Rootfs() {
    }

    /** Mounts the layers (lowest first) at {@code target}; copies them there if overlayfs fails. */
    static void create(List<Path> layers, Path upper, Path work, Path target) {
        try {
            Files.createDirectories(target);
            if (layers.isEmpty()) {
                return;
            }
            Files.createDirectories(upper);
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new RuntimeFailure("cannot create the rootfs dirs: " + e.getMessage(), e);
        }
        Commands.Result mounted = Commands.run(List.of("mount", "-t", "overlay", "overlay", "-o",
                overlayOptions(layers, upper, work), target.toString()), TIMEOUT);
        if (!mounted.ok()) {
            LOG.warn("overlayfs mount failed ({}); copying the layers into {}", mounted.output(), target);
            copy(layers, target);
        }
    }

    static String overlayOptions(List<Path> layers, Path upper, Path work) {
        List<String> lower = new ArrayList<>();
        for (int i = layers.size() - 1; i >= 0; i--) {
            lower.add(layers.get(i).toString());
        }
        return "lowerdir=" + String.join(":", lower) + ",upperdir=" + upper + ",workdir=" + work;
    }

    /** Unmounts {@code target} if something is mounted there. */
    static void unmount(Path target) {
        if (isMountPoint(target)) {
            Commands.check(List.of("umount", target.toString()), TIMEOUT);
        }
    }

    static boolean isMountPoint(Path target) {
        String path = target.toAbsolutePath().normalize().toString();
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
            return lines.map(line -> line.split(" "))
                    .anyMatch(fields -> fields.length > 4 && unescape(fields[4]).equals(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    private static String unescape(String field) {
        return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    /** Applies each layer over the ones below: its deletions first, then its files (cp keeps devices, owners, links). */
    static void copy(List<Path> layers, Path target) {
        for (Path layer : layers) {
            try {
                applyDeletions(layer, target);
                Commands.check(List.of("cp", "-a", layer + "/.", target + "/"), TIMEOUT);
                removeWhiteouts(target);
            } catch (IOException e) {
                throw new RuntimeFailure("cannot copy layer " + layer + " into the rootfs: " + e.getMessage(), e);
            }
        }
    }

    /** Deletes from {@code target} what the layer's whiteouts and opaque dirs hide. */
    private static void applyDeletions(Path layer, Path target) throws IOException {
        Files.walkFileTree(layer, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(layer) && isOpaque(dir)) {
                    clearDirectory(target.resolve(layer.relativize(dir).toString()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path inTarget = target.resolve(layer.relativize(file).toString());
                String name = file.getFileName().toString();
                if (name.equals(OPAQUE_MARKER)) {
                    clearDirectory(inTarget.getParent());
                } else if (name.startsWith(WHITEOUT_PREFIX)) {
                    FileTrees.delete(inTarget.resolveSibling(name.substring(WHITEOUT_PREFIX.length())));
                } else if (isOverlayWhiteout(file)) {
                    FileTrees.delete(inTarget);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Removes the whiteout markers the copy brought along; they are not files of the image. */
    private static void removeWhiteouts(Path target) throws IOException {
        List<Path> markers = new ArrayList<>();
        Files.walkFileTree(target, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (file.getFileName().toString().startsWith(WHITEOUT_PREFIX) || isOverlayWhiteout(file)) {
                    markers.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path marker : markers) {
            Files.deleteIfExists(marker);
        }
    }

    /** overlayfs's whiteout: a character device with device number 0/0. */
    static boolean isOverlayWhiteout(Path file) throws IOException {
        int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & 0170000) == 0020000 && ((Long) Files.getAttribute(file, "unix:rdev", LinkOption.NOFOLLOW_LINKS)) == 0L;
    }

    private static boolean isOpaque(Path dir) {
        byte[] value = new byte[8];
        long size = LibC.INSTANCE.lgetxattr(dir.toString(), OPAQUE_XATTR, value, value.length);
        return size == 1 && value[0] == 'y';
    }

    private static void clearDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                FileTrees.delete(entry);
            }
        }
    }

    /** The one libc call the JDK lacks: reading a trusted.* xattr. */
    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        long lgetxattr(String path, String name, byte[] value, long size);
    }
}
