package wharf.daemon.internal.archive;

/** A Unix mode as Go's {@code os.FileMode}, the {@code mode} of dockerd's path stat. */
final class GoFileMode {
    private static final long MODE_DIR = 1L << 31;
    private static final long MODE_SYMLINK = 1L << 27;
    private static final long MODE_DEVICE = 1L << 26;
    private static final long MODE_NAMED_PIPE = 1L << 25;
    private static final long MODE_SOCKET = 1L << 24;
    private static final long MODE_SETUID = 1L << 23;
    private static final long MODE_SETGID = 1L << 22;
    private static final long MODE_CHAR_DEVICE = 1L << 21;
    private static final long MODE_STICKY = 1L << 20;

    private GoFileMode() {
    }

    static long of(int unixMode) {
        long mode = unixMode & 0777;
        switch (unixMode & Fs.S_IFMT) {
            case Fs.S_IFDIR -> mode |= MODE_DIR;
            case Fs.S_IFLNK -> mode |= MODE_SYMLINK;
            case Fs.S_IFBLK -> mode |= MODE_DEVICE;
            case Fs.S_IFCHR -> mode |= MODE_DEVICE | MODE_CHAR_DEVICE;
            case Fs.S_IFIFO -> mode |= MODE_NAMED_PIPE;
            case Fs.S_IFSOCK -> mode |= MODE_SOCKET;
            default -> {
            }
        }
        if ((unixMode & 04000) != 0) {
            mode |= MODE_SETUID;
        }
        if ((unixMode & 02000) != 0) {
            mode |= MODE_SETGID;
        }
        if ((unixMode & 01000) != 0) {
            mode |= MODE_STICKY;
        }
        return mode;
    }
}
