package wharf.graph.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an overlayfs upper dir as an image layer tar, as dockerd's overlay whiteout converter
 * does: a whiteout (a 0/0 character device) becomes an empty {@code .wh.<name>} file, a dir with
 * {@code trusted.overlay.opaque=y} gets a {@code .wh..wh..opq} entry, since layers carry deletions
 * in AUFS form. Names are relative without {@code ./}, children sorted, hard links written once;
 * sockets are left out (a tar cannot hold them). The tar ends as Go's does: two zero blocks, no
 * padding, so an empty dir gives the empty layer's digest.
 */
final class LayerTar {
    private static final Logger LOG = LoggerFactory.getLogger(LayerTar.class);
    /** The diff ID of a tar without entries: dockerd's {@code layer.DigestSHA256EmptyTar}. */
    static final String EMPTY_TAR = "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int PERMISSIONS = 07777;
    private static final int BUFFER = 1 << 16;

    private final Path root;
    private final TarArchiveOutputStream tar;
    /** Inode to the first name written for it, so further names become hard links. */
    private final Map<Long, String> inodes = new HashMap<>();
    private final boolean xattrs = NativeFs.available();
    /** Absolute paths left out, with what is under them. */
    private final Set<String> excluded;

    private LayerTar(Path root, Set<String> excluded, OutputStream out) {
        this.root = root;
        this.excluded = excluded;
        this.tar = new TarArchiveOutputStream(out, TarConstants.DEFAULT_RCDSIZE);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /**
     * Writes the tree under dir (not dir itself) to out and finishes the tar; out stays open.
     *
     * @param excluded absolute paths (as in the container: {@code /etc/hosts}) left out with what is under them
     */
    static void write(Path dir, Set<String> excluded, OutputStream out) throws IOException {
        LayerTar writer = new LayerTar(dir, excluded, out);
        if (!writer.xattrs) {
            LOG.warn("Native file operations are unavailable: opaque directories in {} are written as plain ones", dir);
        }
        writer.children(dir);
        writer.tar.finish();
    }

    private void children(Path dir) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.sorted().toList();
        }
        for (Path p : entries) {
            entry(p);
        }
    }

    private void entry(Path p) throws IOException {
        String name = root.relativize(p).toString();
        if (excluded.contains("/" + name)) {
            return;
        }
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,rdev,ino,nlink,size,lastModifiedTime",
                LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        int type = mode & S_IFMT;
        TarArchiveEntry e;
        switch (type) {
            case S_IFDIR -> {
                e = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
                put(e, a, mode);
                tar.closeArchiveEntry();
                if (opaque(p)) {
                    TarArchiveEntry marker = new TarArchiveEntry(name + "/" + LayerUnpacker.OPAQUE_MARKER,
                            TarConstants.LF_NORMAL);
                    put(marker, a, mode & 0777);
                    tar.closeArchiveEntry();
                }
                children(p);
            }
            case S_IFLNK -> {
                e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                e.setLinkName(Files.readSymbolicLink(p).toString());
                put(e, a, mode);
                tar.closeArchiveEntry();
            }
            case S_IFREG -> regular(p, name, a, mode);
            case S_IFSOCK -> LOG.debug("Leaving socket {} out of the layer", p);
            default -> special(p, name, a, mode, type);
        }
    }

    private void regular(Path p, String name, Map<String, Object> a, int mode) throws IOException {
        if ((Integer) a.get("nlink") > 1) {
            String first = inodes.putIfAbsent((Long) a.get("ino"), name);
            if (first != null) {
                TarArchiveEntry link = new TarArchiveEntry(name, TarConstants.LF_LINK);
                link.setLinkName(first);
                put(link, a, mode);
                tar.closeArchiveEntry();
                return;
            }
        }
        long size = (Long) a.get("size");
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
        e.setSize(size);
        put(e, a, mode);
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            copyExactly(in, size);
        }
        tar.closeArchiveEntry();
    }

    /** A whiteout, or a device node or fifo kept as it is. */
    private void special(Path p, String name, Map<String, Object> a, int mode, int type) throws IOException {
        long rdev = (Long) a.get("rdev");
        if (type == NativeFs.S_IFCHR && rdev == 0) {
            Path parent = Path.of(name).getParent();
            String whiteout = LayerUnpacker.WHITEOUT_PREFIX + p.getFileName();
            TarArchiveEntry e = new TarArchiveEntry(parent == null ? whiteout : parent + "/" + whiteout,
                    TarConstants.LF_NORMAL);
            put(e, a, 0600);
            tar.closeArchiveEntry();
            return;
        }
        byte flag = type == NativeFs.S_IFCHR ? TarConstants.LF_CHR
                : type == NativeFs.S_IFBLK ? TarConstants.LF_BLK : TarConstants.LF_FIFO;
        TarArchiveEntry e = new TarArchiveEntry(name, flag);
        if (flag != TarConstants.LF_FIFO) {
            // glibc's encoding of dev_t
            e.setDevMajor((int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL)));
            e.setDevMinor((int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL)));
        }
        put(e, a, mode);
        tar.closeArchiveEntry();
    }

    private void put(TarArchiveEntry e, Map<String, Object> a, int mode) throws IOException {
        e.setMode(mode & PERMISSIONS);
        e.setIds((Integer) a.get("uid"), (Integer) a.get("gid"));
        e.setModTime(FileTime.from(((FileTime) a.get("lastModifiedTime")).toInstant().getEpochSecond(),
                java.util.concurrent.TimeUnit.SECONDS));
        tar.putArchiveEntry(e);
    }

    private boolean opaque(Path dir) throws IOException {
        if (!xattrs) {
            return false;
        }
        byte[] value = NativeFs.lgetxattr(dir, LayerUnpacker.OPAQUE_XATTR);
        return value != null && value.length == 1 && value[0] == 'y';
    }

    /**
     * Copies the size the header promised: a file that shrank while it was read (a container
     * committed without pause) is padded with zeros, one that grew is cut.
     */
    private void copyExactly(InputStream in, long size) throws IOException {
        byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(size, 1))];
        long left = size;
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            tar.write(buffer, 0, n);
            left -= n;
        }
        java.util.Arrays.fill(buffer, (byte) 0);
        while (left > 0) {
            int chunk = (int) Math.min(buffer.length, left);
            tar.write(buffer, 0, chunk);
            left -= chunk;
        }
    }
}
