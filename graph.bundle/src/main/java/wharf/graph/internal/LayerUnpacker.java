package wharf.graph.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.engine.api.InvalidParameterError;
import wharf.common.fs.FileTrees;

/**
 * Unpacks one layer tar into an empty directory that overlayfs can use as a lower dir, as
 * dockerd's overlay2 driver applies a diff: AUFS-style whiteouts ({@code .wh.name}) become
 * character devices 0/0 and opaque markers ({@code .wh..wh..opq}) the
 * {@code trusted.overlay.opaque=y} xattr on their directory ({@link Whiteouts#OVERLAY}); where
 * that is impossible they stay as the {@code .wh.} files they are ({@link Whiteouts#FILES}) and
 * the layer records so.
 * <p>
 * Nothing is ever written outside the directory: entry paths must be relative and free of
 * {@code ..}; every parent directory is checked to be a real directory, not a symlink, before
 * anything is created in it (so a symlink in the layer can never redirect a write); symlink and
 * hard link targets must stay inside the layer, by dockerd's rules. A refused entry is an
 * {@link InvalidParameterError} naming it; the caller discards the half-unpacked directory.
 */
final class LayerUnpacker {
    private static final Logger LOG = LoggerFactory.getLogger(LayerUnpacker.class);
    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE_MARKER = ".wh..wh..opq";
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";
    private static final String PAX_XATTR = "SCHILY.xattr.";
    private static final String PAX_LIBARCHIVE_XATTR = "LIBARCHIVE.xattr.";
    private static final int EPERM = 1;

    /** How deletions are represented in an unpacked layer. */
    enum Whiteouts {
        /** overlayfs's own: character devices 0/0 and the opaque xattr. */
        OVERLAY,
        /** kept as the tar's {@code .wh.} files; a consumer must translate them. */
        FILES
    }

    /**
     * What an unpack produced: the size as dockerd's layer store counts it when it applies a
     * diff, the bytes of the regular files (a hard link adds nothing).
     */
    record Result(long size) {
    }

    private final Whiteouts whiteouts;
    private final boolean nativeOps;

    LayerUnpacker(Whiteouts whiteouts) {
        this.whiteouts = whiteouts;
        this.nativeOps = NativeFs.available();
    }

    Whiteouts whiteouts() {
        return whiteouts;
    }

    /**
     * Unpacks the (uncompressed) tar into root, an existing empty directory. Reads up to the
     * tar's end-of-archive marker; the caller drains what follows if it hashes the stream.
     */
    Result unpack(InputStream tar, Path root) throws IOException {
        Run run = new Run(root);
        TarReader in = new TarReader(tar);
        TarArchiveEntry entry;
        while ((entry = in.next()) != null) {
            run.apply(entry, in.content());
        }
        run.finishDirectories();
        return new Result(run.size);
    }

    /** One unpack: its root, the directories whose times are set last, the size so far. */
    private final class Run {
        private final Path root;
        private final Deque<Runnable> directoryTimes = new ArrayDeque<>();
        private final Set<Path> counted = new HashSet<>();
        private long size;
        private boolean ownershipWarned;

        Run(Path root) {
            this.root = root;
        }

        void apply(TarArchiveEntry e, InputStream content) throws IOException {
            if (e.isGlobalPaxHeader()) {
                return;
            }
            String name = e.getName();
            List<String> parts = EntryPaths.components(name);
            if (parts.isEmpty()) {
                if (e.isDirectory()) {
                    applyMetadata(e, root, true);
                }
                return;
            }
            String base = parts.get(parts.size() - 1);
            Path parent = ensureParents(name, parts.subList(0, parts.size() - 1));
            if (base.startsWith(WHITEOUT_PREFIX) && whiteouts == Whiteouts.OVERLAY && handleWhiteout(e, parent, base)) {
                return;
            }
            Path path = parent.resolve(base);
            if (e.isDirectory()) {
                directory(e, path);
            } else if (e.isSymbolicLink()) {
                symlink(e, parts, path);
            } else if (e.isLink()) {
                hardlink(e, path);
            } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                device(e, path);
            } else if (e.isFile()) {
                file(e, content, path);
            } else {
                LOG.warn("Skipping tar entry {} of unsupported type {}", name, (char) e.getLinkFlag());
            }
        }

        /** Creates the implied parents (0755, root) and refuses a parent that is not a real directory. */
        private Path ensureParents(String name, List<String> parents) throws IOException {
            Path dir = root;
            for (String part : parents) {
                dir = dir.resolve(part);
                BasicFileAttributes a = attributes(dir);
                if (a == null) {
                    Files.createDirectory(dir);
                } else if (a.isSymbolicLink()) {
                    throw refused(name, "its parent " + root.relativize(dir) + " is a symlink");
                } else if (!a.isDirectory()) {
                    throw refused(name, "its parent " + root.relativize(dir) + " is not a directory");
                }
            }
            return dir;
        }

        /** True when the entry was a whiteout and is now represented the overlayfs way. */
        private boolean handleWhiteout(TarArchiveEntry e, Path parent, String base) throws IOException {
            if (base.equals(OPAQUE_MARKER)) {
                NativeFs.lsetxattr(parent, OPAQUE_XATTR, new byte[] {'y'});
                return true;
            }
            if (base.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) {
                // AUFS's own bookkeeping (.wh..wh.plnk, .wh..wh.aufs): nothing in the image
                return true;
            }
            Path deleted = parent.resolve(base.substring(WHITEOUT_PREFIX.length()));
            removeExisting(deleted, false);
            NativeFs.mknod(deleted, NativeFs.S_IFCHR, 0);
            chown(e, deleted);
            return true;
        }

        private void directory(TarArchiveEntry e, Path path) throws IOException {
            BasicFileAttributes a = attributes(path);
            if (a == null || !a.isDirectory() || a.isSymbolicLink()) {
                removeExisting(path, true);
                Files.createDirectory(path);
            }
            applyMetadata(e, path, true);
        }

        private void symlink(TarArchiveEntry e, List<String> parts, Path path) throws IOException {
            String target = e.getLinkName();
            if (target.isEmpty() || !EntryPaths.symlinkStaysInside(parts.subList(0, parts.size() - 1), target)) {
                throw new InvalidParameterError("invalid symlink \"" + e.getName() + "\" -> \"" + target + "\"");
            }
            removeExisting(path, false);
            Files.createSymbolicLink(path, Path.of(target));
            applyMetadata(e, path, false);
        }

        private void hardlink(TarArchiveEntry e, Path path) throws IOException {
            String target = e.getLinkName();
            List<String> targetParts = EntryPaths.hardlinkTarget(target);
            if (targetParts == null || targetParts.isEmpty()) {
                throw new InvalidParameterError("invalid hardlink \"" + e.getName() + "\" -> \"" + target + "\"");
            }
            Path existing = ensureExistingParents(e.getName(), targetParts).resolve(targetParts.get(targetParts.size() - 1));
            BasicFileAttributes a = attributes(existing);
            if (a == null || a.isDirectory()) {
                throw new InvalidParameterError("invalid hardlink \"" + e.getName() + "\" -> \"" + target
                        + "\": " + (a == null ? "no such file in the layer" : "a directory"));
            }
            if (existing.equals(path)) {
                return;
            }
            removeExisting(path, false);
            Files.createLink(path, existing);
        }

        /** The parents of a hard link's target: they must exist and be real directories. */
        private Path ensureExistingParents(String name, List<String> parts) throws IOException {
            Path dir = root;
            for (String part : parts.subList(0, parts.size() - 1)) {
                dir = dir.resolve(part);
                BasicFileAttributes a = attributes(dir);
                if (a == null || a.isSymbolicLink() || !a.isDirectory()) {
                    throw refused(name, "its link target's parent " + root.relativize(dir) + " is not a directory");
                }
            }
            return dir;
        }

        private void device(TarArchiveEntry e, Path path) throws IOException {
            int type = e.isFIFO() ? NativeFs.S_IFIFO : e.isBlockDevice() ? NativeFs.S_IFBLK : NativeFs.S_IFCHR;
            removeExisting(path, false);
            if (!nativeOps) {
                LOG.warn("Skipping device node {}: native file operations are not available", e.getName());
                return;
            }
            try {
                NativeFs.mknod(path, type | (e.getMode() & 07777), NativeFs.makedev(e.getDevMajor(), e.getDevMinor()));
            } catch (IOException ex) {
                LOG.warn("Skipping device node {}: {}", e.getName(), ex.getMessage());
                return;
            }
            applyMetadata(e, path, false);
        }

        private void file(TarArchiveEntry e, InputStream content, Path path) throws IOException {
            removeExisting(path, false);
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                content.transferTo(out);
            }
            addSize(path, e.getRealSize());
            applyMetadata(e, path, false);
        }

        /** Replaces what the path holds, except a directory that a directory entry merges into. */
        private void removeExisting(Path path, boolean keepDirectory) throws IOException {
            BasicFileAttributes a = attributes(path);
            if (a == null || (keepDirectory && a.isDirectory() && !a.isSymbolicLink())) {
                return;
            }
            FileTrees.delete(path);
        }

        private void addSize(Path path, long bytes) {
            if (bytes > 0 && counted.add(path)) {
                size += bytes;
            }
        }

        private void applyMetadata(TarArchiveEntry e, Path path, boolean directory) throws IOException {
            chown(e, path);
            boolean symlink = e.isSymbolicLink();
            if (!symlink) {
                chmod(e, path);
            }
            applyXattrs(e, path);
            FileTime mtime = e.getLastModifiedTime();
            FileTime atime = e.getLastAccessTime() != null ? e.getLastAccessTime() : mtime;
            if (mtime == null) {
                return;
            }
            if (directory) {
                // entries written into a directory later change its mtime: set directories' times last
                directoryTimes.push(() -> setTimes(path, atime, mtime));
            } else {
                setTimes(path, atime, mtime);
            }
        }

        private void chown(TarArchiveEntry e, Path path) throws IOException {
            if (!nativeOps) {
                return;
            }
            try {
                NativeFs.lchown(path, (int) e.getLongUserId(), (int) e.getLongGroupId());
            } catch (IOException ex) {
                if (NativeFs.errno(ex) != EPERM) {
                    throw ex;
                }
                if (!ownershipWarned) {
                    ownershipWarned = true;
                    LOG.warn("Cannot set file owners while unpacking a layer (not root?); files keep the daemon's owner");
                }
            }
        }

        private void chmod(TarArchiveEntry e, Path path) throws IOException {
            int mode = e.getMode() & 07777;
            if (nativeOps) {
                NativeFs.chmod(path, mode);
            } else {
                Files.setPosixFilePermissions(path, Modes.permissions(mode));
            }
        }

        private void applyXattrs(TarArchiveEntry e, Path path) {
            Map<String, String> pax = e.getExtraPaxHeaders();
            if (pax.isEmpty()) {
                return;
            }
            for (Map.Entry<String, String> h : pax.entrySet()) {
                String key = h.getKey();
                String name;
                byte[] value;
                if (key.startsWith(PAX_XATTR)) {
                    name = key.substring(PAX_XATTR.length());
                    if (h.getValue().indexOf('\uFFFD') >= 0) {
                        // the tar reader decodes PAX values as UTF-8: a binary value did not survive
                        LOG.warn("Skipping binary xattr {} of {}: its value is not preserved by the tar reader",
                                name, e.getName());
                        continue;
                    }
                    value = h.getValue().getBytes(StandardCharsets.UTF_8);
                } else if (key.startsWith(PAX_LIBARCHIVE_XATTR)) {
                    name = java.net.URLDecoder.decode(key.substring(PAX_LIBARCHIVE_XATTR.length()), StandardCharsets.UTF_8);
                    value = Base64.getDecoder().decode(h.getValue());
                } else {
                    continue;
                }
                setXattr(e, path, name, value);
            }
        }

        private void setXattr(TarArchiveEntry e, Path path, String name, byte[] value) {
            if (name.startsWith("trusted.overlay.")) {
                // overlayfs's own attributes mean something to the mount: only whiteout handling sets them
                LOG.warn("Skipping xattr {} of {}: reserved for overlayfs", name, e.getName());
                return;
            }
            if (!nativeOps) {
                LOG.warn("Skipping xattr {} of {}: native file operations are not available", name, e.getName());
                return;
            }
            try {
                NativeFs.lsetxattr(path, name, value);
            } catch (IOException ex) {
                // as dockerd: file systems without xattr support, or namespaces we may not write
                LOG.warn("Skipping xattr {} of {}: {}", name, e.getName(), ex.getMessage());
            }
        }

        private void setTimes(Path path, FileTime atime, FileTime mtime) {
            try {
                long a = nanos(atime);
                long m = nanos(mtime);
                if (nativeOps) {
                    NativeFs.lutimes(path, a, m);
                } else {
                    Files.getFileAttributeView(path, java.nio.file.attribute.BasicFileAttributeView.class,
                            LinkOption.NOFOLLOW_LINKS).setTimes(mtime, atime, null);
                }
            } catch (IOException ex) {
                LOG.debug("Cannot set the times of {}: {}", path, ex.toString());
            }
        }

        void finishDirectories() {
            while (!directoryTimes.isEmpty()) {
                directoryTimes.pop().run();
            }
        }
    }

    private static long nanos(FileTime t) {
        java.time.Instant i = t.toInstant();
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    }

    private static BasicFileAttributes attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    private static InvalidParameterError refused(String name, String why) {
        return new InvalidParameterError("invalid tar entry \"" + name + "\": " + why);
    }
}
