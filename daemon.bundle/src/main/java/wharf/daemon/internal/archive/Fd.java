package wharf.daemon.internal.archive;

/** An open file descriptor, closed once. */
public final class Fd implements AutoCloseable {
    private int fd;

    Fd(int fd) {
        this.fd = fd;
    }

    public int get() {
        if (fd < 0) {
            throw new IllegalStateException("closed");
        }
        return fd;
    }

    /** The fd's object reopened through procfs: the same inode, with no path lookup in the container. */
    public java.nio.file.Path proc() {
        return java.nio.file.Path.of("/proc/self/fd/" + get());
    }

    @Override
    public void close() {
        if (fd >= 0) {
            Fs.close(fd);
            fd = -1;
        }
    }
}
