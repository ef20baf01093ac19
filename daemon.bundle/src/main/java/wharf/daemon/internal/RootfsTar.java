package wharf.daemon.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a directory tree as a tar, as {@code docker export} does: paths relative to the root
 * without a leading {@code ./}, the root itself left out, directories before their entries in
 * name order; owners, modes and modification times kept; symlinks stored as links (never
 * followed, so nothing outside the tree is read), hard links as links to their first name,
 * devices and fifos as themselves. Sockets are left out, as Go's archive/tar cannot store them.
 */
final class RootfsTar {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final Set<OpenOption> READ_NOFOLLOW = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    private static final int BUFFER = 64 * 1024;
    private static final int TYPE_MASK = 0170000;
    private static final int SOCKET = 0140000;
    private static final int SYMLINK = 0120000;
    private static final int REGULAR = 0100000;
    private static final int BLOCK = 0060000;
    private static final int DIRECTORY = 0040000;
    private static final int CHARACTER = 0020000;
    private static final int FIFO = 0010000;

    private final Path root;
    private final TarArchiveOutputStream tar;
    private final BooleanSupplier cancelled;
    /** The first name of each file with more than one link, by device and inode. */
    private final Map<Object, String> linked = new HashMap<>();

    private RootfsTar(Path root, OutputStream out, BooleanSupplier cancelled) {
        this.root = root;
        this.tar = new TarArchiveOutputStream(out);
        this.cancelled = cancelled;
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /** Writes the tree under {@code root} to {@code out}; stops early (the tar unfinished) when cancelled. */
    static void write(Path root, OutputStream out, BooleanSupplier cancelled) throws IOException {
        RootfsTar writer = new RootfsTar(root, out, cancelled);
        try (DirectoryStream<Path> top = Files.newDirectoryStream(root)) {
            if (!(top instanceof SecureDirectoryStream<Path> secure)) {
                throw new IOException("this platform cannot open directories relative to each other");
            }
            if (writer.children(secure, root)) {
                writer.tar.finish();
            }
        }
        writer.tar.flush();
    }

    /** False when cancelled. */
    private boolean children(SecureDirectoryStream<Path> dir, Path path) throws IOException {
        List<Path> names = new ArrayList<>();
        dir.forEach(entry -> names.add(entry.getFileName()));
        names.sort((a, b) -> a.toString().compareTo(b.toString()));
        for (Path name : names) {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            if (!add(dir, path.resolve(name), name)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds one entry, and a directory's entries after it; false when cancelled. Contents are read
     * through the parent's open directory with no-follow opens, so an entry swapped for a symlink
     * while the tar is written is never followed out of the tree.
     */
    private boolean add(SecureDirectoryStream<Path> parent, Path path, Path name) throws IOException {
        Map<String, Object> attrs = Files.readAttributes(path, "unix:*", NOFOLLOW);
        int mode = (Integer) attrs.get("mode");
        String relative = root.relativize(path).toString();
        TarArchiveEntry entry;
        switch (mode & TYPE_MASK) {
            case DIRECTORY -> entry = new TarArchiveEntry(relative + "/", TarConstants.LF_DIR);
            case SYMLINK -> {
                entry = new TarArchiveEntry(relative, TarConstants.LF_SYMLINK);
                entry.setLinkName(Files.readSymbolicLink(path).toString());
            }
            case CHARACTER, BLOCK -> {
                entry = new TarArchiveEntry(relative, (mode & TYPE_MASK) == CHARACTER ? TarConstants.LF_CHR
                        : TarConstants.LF_BLK);
                long rdev = (Long) attrs.get("rdev");
                entry.setDevMajor((int) major(rdev));
                entry.setDevMinor((int) minor(rdev));
            }
            case FIFO -> entry = new TarArchiveEntry(relative, TarConstants.LF_FIFO);
            case REGULAR -> entry = regular(relative, attrs);
            case SOCKET -> {
                return true;
            }
            default -> throw new IOException("unknown file type " + Integer.toOctalString(mode) + ": " + path);
        }
        entry.setMode(mode & 07777);
        entry.setUserId(((Integer) attrs.get("uid")).longValue());
        entry.setGroupId(((Integer) attrs.get("gid")).longValue());
        entry.setModTime((FileTime) attrs.get("lastModifiedTime"));
        tar.putArchiveEntry(entry);
        if (entry.isFile() && entry.getSize() > 0) {
            try (SeekableByteChannel in = parent.newByteChannel(name, READ_NOFOLLOW)) {
                copy(in, entry.getSize());
            }
        }
        tar.closeArchiveEntry();
        if (entry.isDirectory()) {
            try (SecureDirectoryStream<Path> dir = parent.newDirectoryStream(name, NOFOLLOW)) {
                return children(dir, path);
            }
        }
        return true;
    }

    /**
     * Exactly the size the header promised: a file that grew is cut there, one that shrank is
     * padded with zeros (as the container may write while it is exported).
     */
    private void copy(SeekableByteChannel in, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        long left = size;
        while (left > 0) {
            buffer.clear().limit((int) Math.min(BUFFER, left));
            int read = in.read(buffer);
            if (read < 0) {
                break;
            }
            tar.write(buffer.array(), 0, read);
            left -= read;
        }
        byte[] zeros = new byte[BUFFER];
        while (left > 0) {
            int n = (int) Math.min(BUFFER, left);
            tar.write(zeros, 0, n);
            left -= n;
        }
    }

    /** A regular file, or a hard link to the name its inode was first written under. */
    private TarArchiveEntry regular(String name, Map<String, Object> attrs) {
        if ((Integer) attrs.get("nlink") > 1) {
            String first = linked.putIfAbsent(List.of(attrs.get("dev"), attrs.get("ino")), name);
            if (first != null) {
                TarArchiveEntry link = new TarArchiveEntry(name, TarConstants.LF_LINK);
                link.setLinkName(first);
                return link;
            }
        }
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
        entry.setSize((Long) attrs.get("size"));
        return entry;
    }

    /** glibc's gnu_dev_major. */
    static long major(long rdev) {
        return ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
    }

    /** glibc's gnu_dev_minor. */
    static long minor(long rdev) {
        return (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
    }
}
