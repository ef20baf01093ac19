package wharf.runtime.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What a container runs and how.
 *
 * @param id the container's ID, also its name in the runtime
 * @param layers the image's unpacked layer dirs, lowest first
 * @param process the container's main process
 * @param hostname the container's hostname
 * @param readonlyRootfs whether the rootfs is mounted read-only
 * @param mounts binds and tmpfs mounts beyond the standard ones (proc, dev, sys, …), in order
 * @param shmSize the size of /dev/shm in bytes; 0 for dockerd's 64 MiB
 * @param resources cgroup limits
 * @param security capabilities, privilege and the seccomp filter
 * @param hostNetwork true to share the host's network namespace; false gives the container its own
 *        (loopback only)
 * @param openStdin whether the main process's stdin stays open for attachers
 * @param stdinOnce whether the main process's stdin closes when the first attacher detaches
 * @param init whether a minimal init (tini) runs as pid 1 and reaps for the process
 * @param dataDir the container's dir under {@code <data-root>/containers/<id>}; the runtime owns
 *        its {@code bundle}, {@code userdata} and {@code exec} subdirs
 * @param logPath where conmon writes the container's output (CRI k8s-file format)
 */
public record RuntimeSpec(String id, List<Path> layers, ProcessSpec process, String hostname, boolean readonlyRootfs,
        List<MountSpec> mounts, long shmSize, Resources resources, Security security, boolean hostNetwork,
        boolean openStdin, boolean stdinOnce, boolean init, Path dataDir, Path logPath) {

    public RuntimeSpec {
        layers = List.copyOf(layers);
        mounts = List.copyOf(mounts);
    }

    /**
     * @param privileged all capabilities, all devices, no masked or read-only paths, no seccomp filter
     * @param capAdd capabilities added to dockerd's default set ({@code NET_ADMIN} or
     *        {@code CAP_NET_ADMIN}; {@code ALL} for every one)
     * @param capDrop capabilities removed from it ({@code ALL} for every one)
     * @param seccomp the seccomp filter, unless privileged
     * @param noNewPrivileges whether the container's processes, execs included, cannot gain
     *        privileges (setuid programs run without them)
     */
    public record Security(boolean privileged, List<String> capAdd, List<String> capDrop, Seccomp seccomp,
            boolean noNewPrivileges) {
        public static final Security DEFAULT = new Security(false, List.of(), List.of());

        public Security {
            capAdd = List.copyOf(capAdd);
            capDrop = List.copyOf(capDrop);
            seccomp = seccomp == null ? Seccomp.DEFAULT : seccomp;
        }

        /** The default seccomp filter and privileges as setuid programs give them. */
        public Security(boolean privileged, List<String> capAdd, List<String> capDrop) {
            this(privileged, capAdd, capDrop, Seccomp.DEFAULT, false);
        }
    }
}
