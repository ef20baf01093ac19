package wharf.graph.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file operations the JDK lacks and a layer needs: device nodes and overlayfs whiteouts
 * ({@code mknod}), xattrs outside the {@code user.} namespace ({@code trusted.overlay.opaque},
 * {@code security.capability}), ownership and times of symlinks themselves. Through JNA on
 * 64-bit Linux; {@link #available()} is false elsewhere and callers fall back.
 */
final class NativeFs {
    private static final Logger LOG = LoggerFactory.getLogger(NativeFs.class);
    static final int S_IFIFO = 0010000;
    static final int S_IFCHR = 0020000;
    static final int S_IFBLK = 0060000;
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int ENODATA = 61;
    private static final int O_RDONLY = 0;
    private static final int O_DIRECTORY = 0200000;

    private static final LibC LIBC = load();

    private NativeFs() {
    }

    /** The libc calls used, with C types as they are on LP64 Linux. */
    interface LibC extends Library {
        int mknod(String path, int mode, long dev) throws LastErrorException;

        int lsetxattr(String path, String name, byte[] value, long size, int flags) throws LastErrorException;

        long lgetxattr(String path, String name, byte[] value, long size) throws LastErrorException;

        int lchown(String path, int uid, int gid) throws LastErrorException;

        int chmod(String path, int mode) throws LastErrorException;

        int utimensat(int dirfd, String path, long[] times, int flags) throws LastErrorException;

        int open(String path, int flags) throws LastErrorException;

        int syncfs(int fd) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static LibC load() {
        if (!Platform.isLinux() || !Platform.is64Bit()) {
            LOG.warn("Native file operations need 64-bit Linux; whiteouts are kept as .wh. files");
            return null;
        }
        try {
            return Native.load(Platform.C_LIBRARY_NAME, LibC.class);
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("Cannot load libc through JNA ({}); whiteouts are kept as .wh. files", e.toString());
            return null;
        }
    }

    static boolean available() {
        return LIBC != null;
    }

    /** glibc's {@code makedev}. */
    static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8) | ((minor & 0xffffff00L) << 12)
                | (minor & 0xffL);
    }

    static void mknod(Path path, int mode, long dev) throws IOException {
        call(() -> libc().mknod(path.toString(), mode, dev), "mknod", path);
    }

    static void lsetxattr(Path path, String name, byte[] value) throws IOException {
        call(() -> libc().lsetxattr(path.toString(), name, value, value.length, 0), "setxattr " + name, path);
    }

    /** The attribute's value, or null when the file does not have it. */
    static byte[] lgetxattr(Path path, String name) throws IOException {
        try {
            long size = libc().lgetxattr(path.toString(), name, null, 0);
            byte[] value = new byte[(int) size];
            long read = libc().lgetxattr(path.toString(), name, value, value.length);
            return read == size ? value : java.util.Arrays.copyOf(value, (int) read);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENODATA) {
                return null;
            }
            throw new IOException("getxattr " + name + " " + path + ": " + e.getMessage(), e);
        }
    }

    /** Owner of the path itself, not of what a symlink points to. */
    static void lchown(Path path, int uid, int gid) throws IOException {
        call(() -> libc().lchown(path.toString(), uid, gid), "lchown", path);
    }

    /** All twelve mode bits, setuid, setgid and sticky included. */
    static void chmod(Path path, int mode) throws IOException {
        call(() -> libc().chmod(path.toString(), mode & 07777), "chmod", path);
    }

    /** Access and modification times of the path itself, in nanoseconds since the epoch. */
    static void lutimes(Path path, long atimeNanos, long mtimeNanos) throws IOException {
        long[] times = {
            Math.floorDiv(atimeNanos, 1_000_000_000L), Math.floorMod(atimeNanos, 1_000_000_000L),
            Math.floorDiv(mtimeNanos, 1_000_000_000L), Math.floorMod(mtimeNanos, 1_000_000_000L)};
        call(() -> libc().utimensat(AT_FDCWD, path.toString(), times, AT_SYMLINK_NOFOLLOW), "utimensat", path);
    }

    /**
     * Flushes the whole file system holding the path ({@code syncfs}): one call makes a freshly
     * unpacked layer durable, instead of an fsync per file.
     */
    static void syncFileSystem(Path path) throws IOException {
        int fd;
        try {
            fd = libc().open(path.toString(), O_RDONLY | O_DIRECTORY);
        } catch (LastErrorException | UnsupportedOperationException e) {
            throw new IOException("open " + path + ": " + e.getMessage(), e);
        }
        try {
            call(() -> libc().syncfs(fd), "syncfs", path);
        } finally {
            libc().close(fd);
        }
    }

    /** The errno of a failed call, for callers that tolerate some. */
    static int errno(IOException e) {
        return e.getCause() instanceof LastErrorException le ? le.getErrorCode() : 0;
    }

    private static LibC libc() {
        if (LIBC == null) {
            throw new UnsupportedOperationException("native file operations are not available");
        }
        return LIBC;
    }

    @FunctionalInterface
    private interface Call {
        int run() throws LastErrorException;
    }

    private static void call(Call call, String what, Path path) throws IOException {
        try {
            call.run();
        } catch (LastErrorException e) {
            throw new IOException(what + " " + path + ": " + e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            throw new IOException(what + " " + path + ": " + e.getMessage(), e);
        }
    }
}
