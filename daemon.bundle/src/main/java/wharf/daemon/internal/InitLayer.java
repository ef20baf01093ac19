package wharf.daemon.internal;

import java.util.List;
import java.util.Set;

/**
 * What dockerd keeps in a container's init layer, below its writable layer, and so never shows in
 * {@code docker diff} nor puts in a committed image: the mount points of /dev, /proc and /sys and
 * what is under them, the bind-mounted /etc/hostname, /etc/hosts and /etc/resolv.conf, /etc/mtab and
 * /.dockerenv. Wharf's runtime creates them in the writable layer, so diff and commit leave them out.
 */
final class InitLayer {
    /** Mount points of filesystems the runtime mounts: nothing of the writable layer is visible under them. */
    static final List<String> MOUNTS = List.of("/dev", "/proc", "/sys");
    static final List<String> FILES = List.of("/etc/hostname", "/etc/hosts", "/etc/resolv.conf", "/etc/mtab",
            "/.dockerenv");
    /** Directories the runtime creates for those files when the image has none. */
    static final Set<String> PARENTS = Set.of("/etc");

    private InitLayer() {
    }

    /** Whether the path (absolute, in the container) is the init layer's. */
    static boolean contains(String path) {
        return FILES.contains(path) || MOUNTS.stream().anyMatch(m -> path.equals(m) || path.startsWith(m + "/"));
    }

    /** The paths a commit leaves out: the init layer's files and mount points (with what is under them). */
    static Set<String> paths() {
        return Set.copyOf(java.util.stream.Stream.concat(MOUNTS.stream(), FILES.stream()).toList());
    }
}
