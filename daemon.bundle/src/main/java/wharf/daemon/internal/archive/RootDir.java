package wharf.daemon.internal.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A container's root filesystem as an open directory, and paths resolved inside it as a chroot
 * would: a symlink met on the way is read and resolved again from the root (absolute targets) or
 * from its own directory, {@code ..} never climbs above the root, and each step is an
 * {@code openat(…, O_NOFOLLOW)} relative to the directory found before, so a directory swapped
 * for a link while a copy runs cannot lead outside. openat2's {@code RESOLVE_IN_ROOT} does the
 * same walk in the kernel where it exists; the walk here is the fallback and also the one that
 * creates missing directories and names the path it found.
 */
public final class RootDir implements AutoCloseable {
    /** Linux's own bound on the links met in one lookup. */
    static final int MAX_LINKS = 40;
    /** A rename racing with a {@code ..} makes openat2 answer EAGAIN; it is retried this often. */
    private static final int OPENAT2_RETRIES = 8;
    private static final AtomicBoolean OPENAT2 = new AtomicBoolean(true);

    private final int fd;
    private final boolean kernelWalk;

    private RootDir(int fd, boolean kernelWalk) {
        this.fd = fd;
        this.kernelWalk = kernelWalk;
    }

    /** Opens the root (a trusted host path); lookups use openat2 when the kernel has it. */
    public static RootDir open(Path root) throws IOException {
        return open(root, true);
    }

    /** As {@link #open(Path)}; {@code kernelWalk} false always walks in user space (for tests of that walk). */
    static RootDir open(Path root, boolean kernelWalk) throws IOException {
        int fd = Fs.openat(Fs.AT_FDCWD, root.toString(), Fs.O_PATH | Fs.O_DIRECTORY, 0);
        return new RootDir(fd, kernelWalk);
    }

    int fd() {
        return fd;
    }

    /**
     * An O_PATH fd of {@code path} inside the root. A trailing {@code /} or {@code /.} follows a
     * last element that is a link and requires a directory, as a path lookup does.
     *
     * @param followLast whether a last element that is a symlink is followed
     */
    public Fd lookup(String path, boolean followLast) throws IOException {
        int flags = Fs.O_PATH | (followLast ? 0 : Fs.O_NOFOLLOW);
        if (kernelWalk && OPENAT2.get()) {
            for (int i = 0; i < OPENAT2_RETRIES; i++) {
                try {
                    return new Fd(Fs.openat2InRoot(fd, path.isEmpty() ? "." : path, flags));
                } catch (Fs.NativeError e) {
                    if (e.errno() == Fs.ENOSYS || e.errno() == Fs.EPERM) {
                        // no openat2 here (old kernel, or a seccomp filter that refuses it)
                        OPENAT2.set(false);
                        break;
                    }
                    if (e.errno() != Fs.EAGAIN) {
                        throw e;
                    }
                }
            }
        }
        return walk(path, followLast, false).fd();
    }

    /**
     * The user-space walk: the fd found and the path it is at inside the root, links resolved.
     *
     * @param createDirs create missing elements as directories (mode 0755), as tar extraction does
     *                   for the parents of its entries
     */
    public Resolved walk(String path, boolean followLast, boolean createDirs) throws IOException {
        Deque<String> todo = new ArrayDeque<>(elements(path));
        Deque<Integer> dirs = new ArrayDeque<>();
        Deque<String> names = new ArrayDeque<>();
        int links = 0;
        try {
            while (!todo.isEmpty()) {
                String name = todo.pop();
                if (name.equals(".")) {
                    continue;
                }
                if (name.equals("..")) {
                    if (!dirs.isEmpty()) {
                        Fs.close(dirs.pop());
                        names.removeLast();
                    }
                    continue;
                }
                boolean last = todo.isEmpty();
                int at = dirs.isEmpty() ? fd : dirs.peek();
                int next = openChild(at, name, createDirs);
                Fs.Stat st;
                try {
                    st = Fs.stat(next, "");
                } catch (IOException e) {
                    Fs.close(next);
                    throw e;
                }
                if (st.isSymlink() && (!last || followLast)) {
                    String target;
                    try {
                        target = Fs.readlink(next, "");
                    } finally {
                        Fs.close(next);
                    }
                    if (++links > MAX_LINKS) {
                        throw new Fs.NativeError("lstat", path, Fs.ELOOP, Fs.strerror(Fs.ELOOP));
                    }
                    List<String> from = elements(target);
                    for (int i = from.size() - 1; i >= 0; i--) {
                        todo.push(from.get(i));
                    }
                    if (target.startsWith("/")) {
                        dirs.forEach(Fs::close);
                        dirs.clear();
                        names.clear();
                    }
                    continue;
                }
                if (!last && !st.isDir()) {
                    Fs.close(next);
                    throw new Fs.NativeError("lstat", path, Fs.ENOTDIR, Fs.strerror(Fs.ENOTDIR));
                }
                dirs.push(next);
                names.addLast(name);
            }
            int found = dirs.isEmpty() ? Fs.openat(fd, ".", Fs.O_PATH | Fs.O_DIRECTORY, 0) : dirs.pop();
            return new Resolved(new Fd(found), "/" + String.join("/", names));
        } finally {
            dirs.forEach(Fs::close);
        }
    }

    private static int openChild(int dir, String name, boolean createDirs) throws IOException {
        try {
            return Fs.openat(dir, name, Fs.O_PATH | Fs.O_NOFOLLOW, 0);
        } catch (Fs.NativeError e) {
            if (!createDirs || e.errno() != Fs.ENOENT) {
                throw e;
            }
        }
        try {
            Fs.mkdir(dir, name, 0755);
        } catch (Fs.NativeError e) {
            // another writer made it first: open what is there now
            if (e.errno() != Fs.EEXIST) {
                throw e;
            }
        }
        return Fs.openat(dir, name, Fs.O_PATH | Fs.O_NOFOLLOW, 0);
    }

    /**
     * The elements of a path; a trailing {@code /} counts as a last {@code .}, so the element
     * before it is followed and must be a directory.
     */
    static List<String> elements(String path) {
        List<String> out = new ArrayList<>();
        for (String e : path.split("/")) {
            if (!e.isEmpty()) {
                out.add(e);
            }
        }
        if (path.endsWith("/") && !out.isEmpty()) {
            out.add(".");
        }
        return out;
    }

    @Override
    public void close() {
        Fs.close(fd);
    }

    /** Whether a failure means the path (or one of its parents) is not there. */
    public static boolean notFound(java.io.IOException e) {
        return e instanceof Fs.NativeError n && n.errno() == Fs.ENOENT;
    }

    /** An fd found inside the root and the path inside the root it was found at. */
    public record Resolved(Fd fd, String path) implements AutoCloseable {
        @Override
        public void close() {
            fd.close();
        }
    }
}
