package wharf.runtime.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import wharf.runtime.api.RuntimeFailure;

/**
 * Paths in a container, resolved on the host inside its rootfs: symlinks are followed as the
 * container would see them (absolute ones from the rootfs), and one that leads out is refused.
 */
final class ScopedPaths {
    /** As the kernel's MAXSYMLINKS: a loop ends here. */
    private static final int MAX_LINKS = 40;

    private ScopedPaths() {
    }

    /** The host path of {@code containerPath} in {@code rootfs}, its existing symlinks resolved. */
    static Path resolve(Path rootfs, String containerPath) {
        Deque<String> pending = new ArrayDeque<>(components(containerPath));
        Deque<String> resolved = new ArrayDeque<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String name = pending.pollFirst();
            if (name.equals("..")) {
                if (resolved.isEmpty()) {
                    throw new RuntimeFailure("path " + containerPath + " escapes the container's rootfs");
                }
                resolved.pollLast();
                continue;
            }
            Path candidate = join(rootfs, resolved).resolve(name);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new RuntimeFailure("too many symlinks in " + containerPath);
                }
                String target = readLink(candidate);
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                List<String> targetNames = components(target);
                for (int i = targetNames.size() - 1; i >= 0; i--) {
                    pending.addFirst(targetNames.get(i));
                }
                continue;
            }
            resolved.addLast(name);
        }
        return join(rootfs, resolved);
    }

    /** Creates {@code containerPath} as a dir, with its parents, if it does not exist. */
    static Path createDirectories(Path rootfs, String containerPath) {
        Path host = resolve(rootfs, containerPath);
        try {
            createDirsInside(rootfs, rootfs.relativize(host));
            return host;
        } catch (IOException e) {
            throw new RuntimeFailure("cannot create " + containerPath + " in the container: " + e.getMessage(), e);
        }
    }

    /** Creates a bind mount's destination: a dir, or an empty file when {@code source} is a file. */
    static void createMountPoint(Path rootfs, String destination, Path source) {
        Path host = resolve(rootfs, destination);
        if (Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Path relative = rootfs.relativize(host);
            if (Files.isDirectory(source) || relative.getParent() == null) {
                createDirsInside(rootfs, relative);
            } else {
                createDirsInside(rootfs, relative.getParent());
                Files.createFile(host);
            }
        } catch (IOException e) {
            throw new RuntimeFailure("cannot create mount point " + destination + " in the container: "
                    + e.getMessage(), e);
        }
    }

    /** Creates each missing dir of a resolved relative path; none of them is a symlink by now. */
    private static void createDirsInside(Path rootfs, Path relative) throws IOException {
        Path current = rootfs;
        for (Path name : relative) {
            current = current.resolve(name.toString());
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(current + " is not a directory");
            }
        }
    }

    private static List<String> components(String path) {
        return java.util.Arrays.stream(path.split("/")).filter(name -> !name.isEmpty() && !name.equals(".")).toList();
    }

    private static Path join(Path rootfs, Deque<String> names) {
        Path path = rootfs;
        for (String name : names) {
            path = path.resolve(name);
        }
        return path;
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new RuntimeFailure("cannot read symlink " + link + ": " + e.getMessage(), e);
        }
    }
}
