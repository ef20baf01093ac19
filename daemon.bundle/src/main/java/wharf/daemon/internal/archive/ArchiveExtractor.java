package wharf.daemon.internal.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts a tar under a directory of a container's root, as moby's {@code archive.Untar} does in
 * its chroot: parents are created, an existing entry is replaced unless both are directories,
 * and entries whose names or hard links climb above the directory, or whose relative symlinks
 * would, are refused ({@link BreakoutException}). Every parent is resolved inside the root and
 * every write is relative to its fd with O_NOFOLLOW, so a link planted in the tar or swapped in
 * while it is extracted cannot lead outside the root.
 */
public final class ArchiveExtractor {
    private static final int BUFFER = 64 * 1024;

    private final RootDir root;
    private final String dest;
    private final boolean noOverwriteDirNonDir;
    private final Owner owner;

    /**
     * @param dest  the directory to extract under, an absolute path in the root, links resolved
     * @param owner the owner of everything written, or null to keep the tar's IDs
     */
    public ArchiveExtractor(RootDir root, String dest, boolean noOverwriteDirNonDir, Owner owner) {
        this.root = root;
        this.dest = ContainerPaths.clean(dest);
        this.noOverwriteDirNonDir = noOverwriteDirNonDir;
        this.owner = owner;
    }

    /** The uid and gid to own copied files ({@code copyUIDGID}). */
    public record Owner(long uid, long gid) {
    }

    /** An entry that would land outside the directory; the message is moby's. */
    public static final class BreakoutException extends IOException {
        private static final long serialVersionUID = 1L;

        BreakoutException(String message) {
            super(message);
        }
    }

    /** A refusal under {@code noOverwriteDirNonDir}, with moby's message. */
    public static final class OverwriteException extends IOException {
        private static final long serialVersionUID = 1L;

        OverwriteException(String message) {
            super(message);
        }
    }

    /** Extracts the (plain or gzip-compressed) tar. */
    public void extract(InputStream body) throws IOException {
        List<DirTimes> dirTimes = new ArrayList<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(body));
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            String rel = relative(e.getName());
            if (rel.isEmpty()) {
                continue; // the directory itself ("./"): moby leaves it as it is
            }
            write(e, rel, tar, dirTimes);
        }
        // directory times last, as moby: writing into a directory changes its mtime
        for (int i = dirTimes.size() - 1; i >= 0; i--) {
            DirTimes d = dirTimes.get(i);
            try (Fd parent = parent(d.rel)) {
                Fs.lutimes(parent.get(), ContainerPaths.base("/" + d.rel), d.seconds, d.nanos);
            }
        }
    }

    private static InputStream decompressed(InputStream body) throws IOException {
        BufferedInputStream in = new BufferedInputStream(body, BUFFER);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, BUFFER) : in;
    }

    /**
     * The entry's path under the directory, cleaned; refused when it is absolute or climbs above
     * the directory (moby writes absolute names under the directory; here they are refused).
     */
    private String relative(String name) throws BreakoutException {
        if (name.startsWith("/")) {
            throw new BreakoutException(String.format("%s is outside of %s", quote(name), quote(dest)));
        }
        List<String> out = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (out.isEmpty()) {
                    throw new BreakoutException(String.format("%s is outside of %s", quote(cleanRelative(name)),
                            quote(dest)));
                }
                out.remove(out.size() - 1);
            } else {
                out.add(part);
            }
        }
        return String.join("/", out);
    }

    /** Go's {@code filepath.Clean} of a relative name: what moby quotes in its breakout message. */
    private static String cleanRelative(String name) {
        List<String> out = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                out.remove(out.size() - 1);
            } else {
                out.add(part);
            }
        }
        return String.join("/", out);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Fd parent(String rel) throws IOException {
        int slash = rel.lastIndexOf('/');
        String dir = slash < 0 ? dest : dest + "/" + rel.substring(0, slash);
        return root.walk(dir, true, true).fd();
    }

    private void write(TarArchiveEntry e, String rel, InputStream data, List<DirTimes> dirTimes) throws IOException {
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        checkLinks(e, rel);
        try (Fd parent = parent(rel)) {
            int dir = parent.get();
            Fs.Stat existing = statOrNull(dir, name);
            if (existing != null) {
                checkOverwrite(e, existing, rel);
                if (!(existing.isDir() && e.isDirectory())) {
                    removeAll(dir, name, existing);
                    existing = null;
                }
            }
            long uid = owner == null ? e.getLongUserId() : owner.uid();
            long gid = owner == null ? e.getLongGroupId() : owner.gid();
            int mode = e.getMode() & 07777;
            if (e.isDirectory()) {
                if (existing == null) {
                    Fs.mkdir(dir, name, 0700);
                }
                try (Fd made = new Fd(Fs.openat(dir, name, Fs.O_RDONLY | Fs.O_DIRECTORY
                        | Fs.O_NOFOLLOW, 0))) {
                    Fs.lchown(made.get(), "", uid, gid);
                    Fs.fchmod(made.get(), mode);
                }
                dirTimes.add(new DirTimes(rel, e.getLastModifiedTime().toInstant().getEpochSecond(),
                        e.getLastModifiedTime().toInstant().getNano()));
                return;
            }
            if (e.isSymbolicLink()) {
                Fs.symlink(e.getLinkName(), dir, name);
                Fs.lchown(dir, name, uid, gid);
            } else if (e.isLink()) {
                try (Fd target = root.lookup(ContainerPaths.clean(dest + "/" + e.getLinkName()), false)) {
                    Fs.linkFd(target.get(), dir, name);
                }
                return; // a hard link shares its target's owner, mode and times
            } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                int type = e.isCharacterDevice() ? Fs.S_IFCHR : e.isBlockDevice() ? Fs.S_IFBLK : Fs.S_IFIFO;
                Fs.mknod(dir, name, type | mode, e.getDevMajor(), e.getDevMinor());
                Fs.lchown(dir, name, uid, gid);
            } else if (e.isFile()) {
                try (Fd file = new Fd(Fs.openat(dir, name, Fs.O_WRONLY | Fs.O_CREAT | Fs.O_EXCL
                        | Fs.O_NOFOLLOW, 0600))) {
                    copy(data, file.get());
                    Fs.lchown(file.get(), "", uid, gid);
                    Fs.fchmod(file.get(), mode);
                }
            } else {
                throw new IOException("unhandled tar header type of " + quote(e.getName()));
            }
            Fs.lutimes(dir, name, e.getLastModifiedTime().toInstant().getEpochSecond(),
                    e.getLastModifiedTime().toInstant().getNano());
        }
    }

    /** moby's checks: a hard link must stay under the directory, so must a relative symlink. */
    private void checkLinks(TarArchiveEntry e, String rel) throws BreakoutException {
        String at = dest + "/" + rel;
        if (e.isLink() && escapes(dest + "/" + e.getLinkName())) {
            throw new BreakoutException(String.format("invalid hardlink %s -> %s",
                    quote(ContainerPaths.clean(dest + "/" + e.getLinkName())), quote(e.getLinkName())));
        }
        if (e.isSymbolicLink() && !e.getLinkName().startsWith("/")
                && escapes(ContainerPaths.dir(at) + "/" + e.getLinkName())) {
            throw new BreakoutException(String.format("invalid symlink %s -> %s", quote(at), quote(e.getLinkName())));
        }
    }

    /** Whether an absolute path, cleaned, is outside the directory. */
    private boolean escapes(String path) {
        String clean = ContainerPaths.clean(path);
        return !(clean.equals(dest) || clean.startsWith(dest.equals("/") ? "/" : dest + "/"));
    }

    private void checkOverwrite(TarArchiveEntry e, Fs.Stat existing, String rel) throws OverwriteException {
        if (!noOverwriteDirNonDir) {
            return;
        }
        String at = dest + "/" + rel;
        if (existing.isDir() && !e.isDirectory()) {
            throw new OverwriteException(String.format("cannot overwrite directory %s with non-directory %s",
                    quote(at), quote(e.getName())));
        }
        if (!existing.isDir() && e.isDirectory()) {
            throw new OverwriteException(String.format("cannot overwrite non-directory %s with directory %s",
                    quote(at), quote(e.getName())));
        }
    }

    private static Fs.Stat statOrNull(int dir, String name) throws IOException {
        try {
            return Fs.stat(dir, name);
        } catch (Fs.NativeError err) {
            if (err.errno() == Fs.ENOENT) {
                return null;
            }
            throw err;
        }
    }

    /** Removes {@code name} and, for a directory, all under it, through fds (never following links). */
    private static void removeAll(int dir, String name, Fs.Stat st) throws IOException {
        if (st.isDir()) {
            try (Fd sub = new Fd(Fs.openat(dir, name, Fs.O_PATH | Fs.O_DIRECTORY | Fs.O_NOFOLLOW, 0));
                    java.util.stream.Stream<java.nio.file.Path> list = java.nio.file.Files.list(sub.proc())) {
                for (String child : list.map(p -> p.getFileName().toString()).toList()) {
                    Fs.Stat cs = statOrNull(sub.get(), child);
                    if (cs != null) {
                        removeAll(sub.get(), child, cs);
                    }
                }
            }
        }
        Fs.unlink(dir, name, st.isDir());
    }

    private static void copy(InputStream in, int fd) throws IOException {
        byte[] buf = new byte[BUFFER];
        int n;
        while ((n = in.read(buf)) > 0) {
            Fs.write(fd, buf, n);
        }
    }

    private record DirTimes(String rel, long seconds, long nanos) {
    }
}
