package wharf.daemon.internal.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import wharf.common.GoTime;
import wharf.engine.api.container.PathStat;

/**
 * Reads paths out of a container's root: their stat and a tar of them, named as dockerd names
 * them for {@code docker cp}. Every file is reached from its directory's fd with O_NOFOLLOW and
 * read through the fd it was found as, so nothing outside the root is ever read.
 */
public final class PathArchiver {
    private static final int BUFFER = 64 * 1024;

    private final RootDir root;

    public PathArchiver(RootDir root) {
        this.root = root;
    }

    /** The stat of {@code path} (a last element that is a link is not followed, unless a trailing {@code /}). */
    public PathStat stat(String path) throws IOException {
        String abs = ContainerPaths.absolute(path);
        try (Fd fd = root.lookup(abs, false)) {
            return stat(abs, Fs.stat(fd.get(), ""));
        }
    }

    private PathStat stat(String abs, Fs.Stat st) throws IOException {
        String linkTarget = st.isSymlink() ? linkTarget(abs) : "";
        return new PathStat(ContainerPaths.base(abs), st.size(), GoFileMode.of(st.mode()),
                GoTime.format(Instant.ofEpochSecond(st.mtimeSeconds(), st.mtimeNanos())), linkTarget);
    }

    /** Where a link leads, as an absolute path in the container, even when nothing is there. */
    private String linkTarget(String abs) throws IOException {
        try {
            RootDir.Resolved found = root.walk(abs, true, false);
            found.fd().close();
            return found.path();
        } catch (Fs.NativeError e) {
            RootDir.Resolved dir = root.walk(ContainerPaths.dir(abs), true, false);
            dir.fd().close();
            String target;
            try (Fd link = root.lookup(abs, false)) {
                target = Fs.readlink(link.get(), "");
            }
            return target.startsWith("/") ? ContainerPaths.clean(target) : ContainerPaths.clean(dir.path() + "/" + target);
        }
    }

    /**
     * Writes a tar of {@code path} to {@code out} and returns its stat: a file as its base name,
     * a directory as {@code name/…}, {@code dir/.} as {@code ./…}, as moby's
     * {@code TarResourceRebase}. Fails before writing anything if the path is not there.
     */
    public PathStat archive(String path, OutputStream out) throws IOException {
        String abs = ContainerPaths.absolute(path);
        try (Fd fd = root.lookup(abs, false)) {
            Fs.Stat st = Fs.stat(fd.get(), "");
            PathStat stat = stat(abs, st);
            try (TarArchiveOutputStream tar = tar(out)) {
                new Writer(tar).entry(fd, st, stat.name());
                tar.finish();
            }
            return stat;
        }
    }

    /**
     * The seed's {@code /copy}: links followed all the way, a file as its base name, a directory
     * as its contents without a top entry.
     */
    public void copy(String resource, OutputStream out) throws IOException {
        String abs = ContainerPaths.clean("/" + resource);
        RootDir.Resolved found = root.walk(abs, true, false);
        try (Fd fd = found.fd(); TarArchiveOutputStream tar = tar(out)) {
            Fs.Stat st = Fs.stat(fd.get(), "");
            Writer writer = new Writer(tar);
            if (st.isDir()) {
                writer.children(fd, "");
            } else {
                writer.entry(fd, st, ContainerPaths.base(found.path()));
            }
            tar.finish();
        }
    }

    private static TarArchiveOutputStream tar(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosing(out), BUFFER);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        return tar;
    }

    /** The tar of one walk; remembers inodes seen so hard links stay links, as Go's tar writer in moby. */
    private static final class Writer {
        private final TarArchiveOutputStream tar;
        private final Map<String, String> seen = new HashMap<>();

        Writer(TarArchiveOutputStream tar) {
            this.tar = tar;
        }

        void entry(Fd fd, Fs.Stat st, String name) throws IOException {
            switch (st.type()) {
                case Fs.S_IFDIR -> {
                    String dirName = name.endsWith("/") ? name : name + "/";
                    put(header(dirName, TarConstants.LF_DIR, st));
                    children(fd, dirName);
                }
                case Fs.S_IFREG -> file(fd, st, name);
                case Fs.S_IFLNK -> {
                    TarArchiveEntry e = header(name, TarConstants.LF_SYMLINK, st);
                    e.setLinkName(Fs.readlink(fd.get(), ""));
                    put(e);
                }
                case Fs.S_IFCHR, Fs.S_IFBLK -> {
                    TarArchiveEntry e = header(name,
                            st.type() == Fs.S_IFCHR ? TarConstants.LF_CHR : TarConstants.LF_BLK, st);
                    e.setDevMajor((int) st.rdevMajor());
                    e.setDevMinor((int) st.rdevMinor());
                    put(e);
                }
                case Fs.S_IFIFO -> put(header(name, TarConstants.LF_FIFO, st));
                default -> {
                    // sockets have no tar form; moby skips them too
                }
            }
        }

        /** Each child of the directory {@code dir}, in name order, under {@code prefix}. */
        void children(Fd dir, String prefix) throws IOException {
            List<String> names;
            try (Stream<Path> list = Files.list(dir.proc())) {
                names = list.map(p -> p.getFileName().toString()).sorted().toList();
            }
            for (String child : names) {
                Fd fd;
                try {
                    fd = new Fd(Fs.openat(dir.get(), child, Fs.O_PATH | Fs.O_NOFOLLOW, 0));
                } catch (Fs.NativeError e) {
                    if (e.errno() == Fs.ENOENT) {
                        continue; // removed since the listing
                    }
                    throw e;
                }
                try (fd) {
                    entry(fd, Fs.stat(fd.get(), ""), prefix + child);
                }
            }
        }

        private void file(Fd fd, Fs.Stat st, String name) throws IOException {
            String inode = st.devMajor() + ":" + st.devMinor() + ":" + st.ino();
            if (st.nlink() > 1) {
                String first = seen.putIfAbsent(inode, name);
                if (first != null) {
                    TarArchiveEntry e = header(name, TarConstants.LF_LINK, st);
                    e.setLinkName(first);
                    put(e);
                    return;
                }
            }
            TarArchiveEntry e = header(name, TarConstants.LF_NORMAL, st);
            e.setSize(st.size());
            tar.putArchiveEntry(e);
            try (InputStream in = Files.newInputStream(fd.proc())) {
                copyExactly(in, st.size());
            }
            tar.closeArchiveEntry();
        }

        /** The header's size is already written: a file that grew is cut, one that shrank is padded. */
        private void copyExactly(InputStream in, long size) throws IOException {
            byte[] buf = new byte[BUFFER];
            long left = size;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    java.util.Arrays.fill(buf, (byte) 0);
                    while (left > 0) {
                        int pad = (int) Math.min(buf.length, left);
                        tar.write(buf, 0, pad);
                        left -= pad;
                    }
                    return;
                }
                tar.write(buf, 0, n);
                left -= n;
            }
        }

        private void put(TarArchiveEntry e) throws IOException {
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        }

        private static TarArchiveEntry header(String name, byte type, Fs.Stat st) {
            TarArchiveEntry e = new TarArchiveEntry(name, type, true);
            e.setMode(st.permissions());
            e.setUserId(st.uid());
            e.setGroupId(st.gid());
            e.setModTime(java.nio.file.attribute.FileTime.from(
                    Instant.ofEpochSecond(st.mtimeSeconds(), st.mtimeNanos())));
            return e;
        }
    }

    /** Lets the tar writer finish its blocks without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
