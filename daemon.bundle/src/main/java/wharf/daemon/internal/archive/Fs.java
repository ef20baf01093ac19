package wharf.daemon.internal.archive;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The fd-relative file calls (openat, openat2, statx, mkdirat, symlinkat, …) that keep every
 * read and write of a copy on an already resolved directory, through JNA on 64-bit Linux. Each
 * failure is a {@link NativeError} carrying errno.
 */
final class Fs {
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 01;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    static final int O_DIRECTORY = 0200000;
    static final int O_NOFOLLOW = 0400000;
    static final int O_CLOEXEC = 02000000;
    static final int O_PATH = 010000000;
    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int AT_REMOVEDIR = 0x200;
    static final int AT_EMPTY_PATH = 0x1000;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EEXIST = 17;
    static final int ENOTDIR = 20;
    static final int ENOSYS = 38;
    static final int ELOOP = 40;
    static final int EPERM = 1;
    static final int S_IFMT = 0170000;
    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;
    static final int S_IFLNK = 0120000;
    static final int S_IFCHR = 0020000;
    static final int S_IFBLK = 0060000;
    static final int S_IFIFO = 0010000;
    static final int S_IFSOCK = 0140000;
    /** openat2(2) has the same number on every architecture (the unified table from 5.x on). */
    private static final long SYS_OPENAT2 = 437;
    private static final long RESOLVE_NO_MAGICLINKS = 0x02;
    private static final long RESOLVE_IN_ROOT = 0x10;
    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final int STATX_SIZE = 256;
    private static final int PATH_MAX = 4096;

    private static final LibC LIBC = load();

    private Fs() {
    }

    /** The libc calls used, with C types as they are on LP64 Linux. */
    interface LibC extends Library {
        int openat(int dirfd, String path, int flags, int mode) throws LastErrorException;

        long syscall(long number, Object... args) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int statx(int dirfd, String path, int flags, int mask, Pointer buf) throws LastErrorException;

        long readlinkat(int dirfd, String path, byte[] buf, long size) throws LastErrorException;

        int mkdirat(int dirfd, String path, int mode) throws LastErrorException;

        int symlinkat(String target, int dirfd, String path) throws LastErrorException;

        int linkat(int olddirfd, String oldpath, int newdirfd, String newpath, int flags) throws LastErrorException;

        int mknodat(int dirfd, String path, int mode, long dev) throws LastErrorException;

        int fchownat(int dirfd, String path, int uid, int gid, int flags) throws LastErrorException;

        int fchmod(int fd, int mode) throws LastErrorException;

        int utimensat(int dirfd, String path, long[] times, int flags) throws LastErrorException;

        int unlinkat(int dirfd, String path, int flags) throws LastErrorException;

        long write(int fd, byte[] buf, long count) throws LastErrorException;
    }

    private static LibC load() {
        if (!Platform.isLinux() || !Platform.is64Bit()) {
            return null;
        }
        try {
            return com.sun.jna.Native.load(Platform.C_LIBRARY_NAME, LibC.class);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    private static LibC libc() throws NativeError {
        if (LIBC == null) {
            throw new NativeError("libc", "", ENOSYS, "copying files needs 64-bit Linux and JNA");
        }
        return LIBC;
    }

    /** A failed call, with its errno. */
    static final class NativeError extends IOException {
        private static final long serialVersionUID = 1L;
        private final int errno;

        NativeError(String call, String path, int errno, String message) {
            super(call + " " + path + ": " + message);
            this.errno = errno;
        }

        int errno() {
            return errno;
        }
    }

    private static NativeError error(String call, String path, LastErrorException e) {
        return new NativeError(call, path, e.getErrorCode(), strerror(e.getErrorCode()));
    }

    /** The messages Go prints for the errnos a copy meets; the number for the rest. */
    static String strerror(int errno) {
        return switch (errno) {
            case ENOENT -> "no such file or directory";
            case ENOTDIR -> "not a directory";
            case EEXIST -> "file exists";
            case ELOOP -> "too many levels of symbolic links";
            case EPERM -> "operation not permitted";
            case 13 -> "permission denied";
            case 21 -> "is a directory";
            case 28 -> "no space left on device";
            case 30 -> "read-only file system";
            case 39 -> "directory not empty";
            default -> "errno " + errno;
        };
    }

    static int openat(int dirfd, String path, int flags, int mode) throws NativeError {
        while (true) {
            try {
                return libc().openat(dirfd, path, flags | O_CLOEXEC, mode);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EINTR) {
                    throw error("openat", path, e);
                }
            }
        }
    }

    /** openat2 with RESOLVE_IN_ROOT: the kernel's own walk that never leaves {@code rootfd}. */
    static int openat2InRoot(int rootfd, String path, int flags) throws NativeError {
        Memory how = new Memory(24);
        how.setLong(0, (flags | O_CLOEXEC) & 0xffffffffL);
        how.setLong(8, 0);
        how.setLong(16, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
        try {
            return (int) libc().syscall(SYS_OPENAT2, rootfd, path, how, 24L);
        } catch (LastErrorException e) {
            throw error("lstat", path, e);
        }
    }

    static void close(int fd) {
        try {
            libc().close(fd);
        } catch (LastErrorException | NativeError e) {
            // close errors on read-only or O_PATH fds carry nothing to act on
        }
    }

    /** The stat of {@code path} under {@code dirfd} (of {@code dirfd} itself when empty), links not followed. */
    static Stat stat(int dirfd, String path) throws NativeError {
        Memory buf = new Memory(STATX_SIZE);
        int flags = AT_SYMLINK_NOFOLLOW | (path.isEmpty() ? AT_EMPTY_PATH : 0);
        try {
            libc().statx(dirfd, path, flags, STATX_BASIC_STATS, buf);
        } catch (LastErrorException e) {
            throw error("lstat", path, e);
        }
        return new Stat(buf.getShort(28) & 0xffff, buf.getInt(20) & 0xffffffffL, buf.getInt(24) & 0xffffffffL,
                buf.getLong(40), buf.getLong(112), buf.getInt(120) & 0xffffffffL, buf.getInt(16) & 0xffffffffL,
                buf.getLong(32), buf.getInt(136) & 0xffffffffL, buf.getInt(140) & 0xffffffffL,
                buf.getInt(128) & 0xffffffffL, buf.getInt(132) & 0xffffffffL);
    }

    /** The target of the symlink {@code path} under {@code dirfd} (of an O_PATH fd to it when empty). */
    static String readlink(int dirfd, String path) throws NativeError {
        byte[] buf = new byte[PATH_MAX];
        try {
            long n = libc().readlinkat(dirfd, path, buf, buf.length);
            return new String(buf, 0, (int) n, StandardCharsets.UTF_8);
        } catch (LastErrorException e) {
            throw error("readlink", path, e);
        }
    }

    static void mkdir(int dirfd, String name, int mode) throws NativeError {
        try {
            libc().mkdirat(dirfd, name, mode);
        } catch (LastErrorException e) {
            throw error("mkdir", name, e);
        }
    }

    static void symlink(String target, int dirfd, String name) throws NativeError {
        try {
            libc().symlinkat(target, dirfd, name);
        } catch (LastErrorException e) {
            throw error("symlink", name, e);
        }
    }

    /** A hard link to what the O_PATH fd {@code fd} is, as {@code name} under {@code dirfd}. */
    static void linkFd(int fd, int dirfd, String name) throws NativeError {
        try {
            libc().linkat(fd, "", dirfd, name, AT_EMPTY_PATH);
        } catch (LastErrorException e) {
            throw error("link", name, e);
        }
    }

    static void mknod(int dirfd, String name, int mode, long major, long minor) throws NativeError {
        try {
            libc().mknodat(dirfd, name, mode, makedev(major, minor));
        } catch (LastErrorException e) {
            throw error("mknod", name, e);
        }
    }

    /** glibc's {@code makedev}. */
    static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8) | ((minor & 0xffffff00L) << 12)
                | (minor & 0xffL);
    }

    /** Owner of {@code name} under {@code dirfd} itself, never of what a link points at. */
    static void lchown(int dirfd, String name, long uid, long gid) throws NativeError {
        try {
            libc().fchownat(dirfd, name, (int) uid, (int) gid,
                    AT_SYMLINK_NOFOLLOW | (name.isEmpty() ? AT_EMPTY_PATH : 0));
        } catch (LastErrorException e) {
            throw error("lchown", name, e);
        }
    }

    /** Mode of an fd opened for reading or writing (O_PATH fds cannot be changed this way). */
    static void fchmod(int fd, int mode) throws NativeError {
        try {
            libc().fchmod(fd, mode);
        } catch (LastErrorException e) {
            throw error("chmod", "", e);
        }
    }

    /** Access and modification time of {@code name} under {@code dirfd}, links not followed. */
    static void lutimes(int dirfd, String name, long seconds, long nanos) throws NativeError {
        long[] times = {seconds, nanos, seconds, nanos};
        try {
            libc().utimensat(dirfd, name, times, AT_SYMLINK_NOFOLLOW);
        } catch (LastErrorException e) {
            throw error("utimes", name, e);
        }
    }

    static void unlink(int dirfd, String name, boolean dir) throws NativeError {
        try {
            libc().unlinkat(dirfd, name, dir ? AT_REMOVEDIR : 0);
        } catch (LastErrorException e) {
            throw error("unlink", name, e);
        }
    }

    static void write(int fd, byte[] buf, int len) throws NativeError {
        int off = 0;
        byte[] chunk = buf;
        while (off < len) {
            if (off > 0) {
                chunk = java.util.Arrays.copyOfRange(buf, off, len);
            }
            try {
                off += (int) libc().write(fd, chunk, len - off);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EINTR) {
                    throw error("write", "", e);
                }
            }
        }
    }

    /** What a copy needs of statx(2). */
    record Stat(int mode, long uid, long gid, long size, long mtimeSeconds, long mtimeNanos, long nlink,
            long ino, long devMajor, long devMinor, long rdevMajor, long rdevMinor) {
        int type() {
            return mode & S_IFMT;
        }

        boolean isDir() {
            return type() == S_IFDIR;
        }

        boolean isSymlink() {
            return type() == S_IFLNK;
        }

        boolean isRegular() {
            return type() == S_IFREG;
        }

        int permissions() {
            return mode & 07777;
        }
    }
}
