package wharf.daemon.internal.archive;

import java.util.ArrayDeque;
import java.util.Deque;

/** Paths in a container as dockerd's archive code reads them (Go's {@code filepath} rules). */
final class ContainerPaths {
    private ContainerPaths() {
    }

    /**
     * {@code path} taken as absolute and cleaned, keeping a trailing {@code /} or {@code /.}
     * (moby's {@code PreserveTrailingDotOrSeparator}): they decide whether a directory or its
     * contents are copied.
     */
    static String absolute(String path) {
        String clean = clean("/" + path);
        if (path.endsWith("/.") && !clean.endsWith("/.")) {
            return clean.equals("/") ? "/." : clean + "/.";
        }
        if (path.endsWith("/") && !clean.endsWith("/")) {
            return clean + "/";
        }
        return clean;
    }

    /** Go's {@code filepath.Clean} of an absolute path: {@code .} and {@code ..} resolved lexically. */
    static String clean(String path) {
        Deque<String> out = new ArrayDeque<>();
        for (String e : path.split("/")) {
            if (e.isEmpty() || e.equals(".")) {
                continue;
            }
            if (e.equals("..")) {
                out.pollLast();
            } else {
                out.addLast(e);
            }
        }
        return "/" + String.join("/", out);
    }

    /** Go's {@code filepath.Base}: the last element, trailing slashes ignored; {@code /} for the root. */
    static String base(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("/")) {
            return "/";
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** The directory part of an absolute path: {@code /etc} for {@code /etc/passwd}. */
    static String dir(String path) {
        String clean = clean(path);
        int slash = clean.lastIndexOf('/');
        return slash <= 0 ? "/" : clean.substring(0, slash);
    }
}
