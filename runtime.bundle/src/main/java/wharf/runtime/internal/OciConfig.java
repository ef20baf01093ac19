package wharf.runtime.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import wharf.runtime.api.MountSpec;
import wharf.runtime.api.ProcessSpec;
import wharf.runtime.api.Resources;
import wharf.runtime.api.RuntimeSpec;

/** Builds a container's config.json (OCI runtime spec 1.0) with dockerd's defaults. */
final class OciConfig {

    /** dockerd's masked paths (moby oci/defaults.go). */
    static final List<String> MASKED_PATHS = List.of("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");

    static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    /** Where dockerd mounts its init (docker-init, a tini) in the container. */
    static final String INIT_PATH = "/sbin/docker-init";
    static final long DEFAULT_SHM_SIZE = 64L * 1024 * 1024;

    /** What start needs besides the bundle, remembered in it so a container is known by its ID alone. */
    static final String LOG_PATH_ANNOTATION = "wharf.log.path";
    static final String OPEN_STDIN_ANNOTATION = "wharf.stdin.open";
    static final String STDIN_ONCE_ANNOTATION = "wharf.stdin.once";

    private OciConfig() {
    }

    /**
     * @param user the resolved numeric user
     * @param rootfs the rootfs path relative to the bundle
     * @param init the host's static tini, when the container asks for an init
     */
    static Map<String, Object> build(RuntimeSpec spec, Users.Resolved user, String rootfs, Optional<Path> init) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("ociVersion", "1.0.2");
        List<String> args = new ArrayList<>();
        init.ifPresent(path -> args.addAll(List.of(INIT_PATH, "--")));
        args.addAll(spec.process().args());
        List<String> capabilities = Capabilities.of(spec.security());
        config.put("process", process(spec.process(), args, user, capabilities, spec.security().noNewPrivileges()));
        config.put("root", Map.of("path", rootfs, "readonly", spec.readonlyRootfs()));
        config.put("hostname", spec.hostname());
        List<Map<String, Object>> mounts = standardMounts(spec);
        spec.mounts().forEach(mount -> mounts.add(mount(mount)));
        init.ifPresent(path -> mounts.add(mount(MountSpec.bind(path.toString(), INIT_PATH, true))));
        config.put("mounts", mounts);
        config.put("linux", linux(spec, capabilities));
        config.put("annotations", Map.of(
                LOG_PATH_ANNOTATION, spec.logPath().toAbsolutePath().toString(),
                OPEN_STDIN_ANNOTATION, Boolean.toString(spec.openStdin()),
                STDIN_ONCE_ANNOTATION, Boolean.toString(spec.stdinOnce())));
        return config;
    }

    /** The OCI process object, for the main process and for exec's --process file alike. */
    static Map<String, Object> process(ProcessSpec spec, List<String> args, Users.Resolved user,
            List<String> capabilities, boolean noNewPrivileges) {
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("terminal", spec.tty());
        if (spec.tty() && spec.rows() > 0 && spec.columns() > 0) {
            process.put("consoleSize", Map.of("height", spec.rows(), "width", spec.columns()));
        }
        Map<String, Object> ids = new LinkedHashMap<>();
        ids.put("uid", user.uid());
        ids.put("gid", user.gid());
        if (!user.additionalGids().isEmpty()) {
            ids.put("additionalGids", user.additionalGids());
        }
        process.put("user", ids);
        process.put("args", args);
        process.put("env", spec.env());
        process.put("cwd", spec.cwd().isEmpty() ? "/" : spec.cwd());
        process.put("capabilities", Map.of(
                "bounding", capabilities,
                "effective", capabilities,
                "permitted", capabilities));
        // dockerd sets it only for --security-opt no-new-privileges; setuid programs must work otherwise
        process.put("noNewPrivileges", noNewPrivileges);
        // no rlimits: the runtime keeps the ones it inherits (raising RLIMIT_NOFILE fails in some sandboxes)
        return process;
    }

    private static List<Map<String, Object>> standardMounts(RuntimeSpec spec) {
        boolean privileged = spec.security().privileged();
        long shmKib = (spec.shmSize() > 0 ? spec.shmSize() : DEFAULT_SHM_SIZE) / 1024;
        List<Map<String, Object>> mounts = new ArrayList<>();
        mounts.add(mount("/proc", "proc", "proc", "nosuid", "noexec", "nodev"));
        mounts.add(mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"));
        mounts.add(mount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666",
                "mode=0620", "gid=5"));
        mounts.add(mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", privileged ? "rw" : "ro"));
        mounts.add(mount("/sys/fs/cgroup", "cgroup", "cgroup", privileged ? "rw" : "ro", "nosuid", "noexec",
                "nodev"));
        mounts.add(mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"));
        mounts.add(mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777",
                "size=" + shmKib + "k"));
        return mounts;
    }

    private static Map<String, Object> mount(String destination, String type, String source, String... options) {
        return Map.of("destination", destination, "type", type, "source", source, "options", List.of(options));
    }

    private static Map<String, Object> mount(MountSpec mount) {
        return Map.of("destination", mount.destination(), "type", mount.type(), "source", mount.source(),
                "options", mount.options());
    }

    private static Map<String, Object> linux(RuntimeSpec spec, List<String> capabilities) {
        Map<String, Object> linux = new LinkedHashMap<>();
        List<Map<String, Object>> namespaces = new ArrayList<>(List.of(
                Map.of("type", "pid"), Map.of("type", "ipc"), Map.of("type", "uts"), Map.of("type", "mount")));
        if (!spec.hostNetwork()) {
            // a fresh network namespace has only a loopback, which runc brings up
            namespaces.add(Map.of("type", "network"));
        }
        linux.put("namespaces", namespaces);
        linux.put("resources", resources(spec.resources(), spec.security().privileged()));
        linux.put("cgroupsPath", "/wharf/" + spec.id());
        if (!spec.security().privileged()) {
            linux.put("maskedPaths", MASKED_PATHS);
            linux.put("readonlyPaths", READONLY_PATHS);
            SeccompProfile.of(spec.security().seccomp(), capabilities, SeccompProfile.Host.current())
                    .ifPresent(seccomp -> linux.put("seccomp", seccomp));
        }
        return linux;
    }

    /** linux.resources: the devices rule (runc adds its default device allowances) and the limits asked for. */
    static Map<String, Object> resources(Resources resources, boolean privileged) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("devices", List.of(Map.of("allow", privileged, "access", "rwm")));
        result.putAll(limits(resources));
        return result;
    }

    /** The memory, cpu and pids sections of linux.resources for the limits that are set. */
    static Map<String, Object> limits(Resources resources) {
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> memory = new LinkedHashMap<>();
        if (resources.memory() > 0) {
            memory.put("limit", resources.memory());
        }
        if (resources.memorySwap() != 0) {
            memory.put("swap", resources.memorySwap());
        }
        if (!memory.isEmpty()) {
            result.put("memory", memory);
        }
        Map<String, Object> cpu = new LinkedHashMap<>();
        if (resources.cpuShares() > 0) {
            cpu.put("shares", resources.cpuShares());
        }
        if (resources.cpuQuota() != 0) {
            cpu.put("quota", resources.cpuQuota());
        }
        if (resources.cpuPeriod() > 0) {
            cpu.put("period", resources.cpuPeriod());
        }
        if (!cpu.isEmpty()) {
            result.put("cpu", cpu);
        }
        if (resources.pidsLimit() != 0) {
            result.put("pids", Map.of("limit", resources.pidsLimit() > 0 ? resources.pidsLimit() : -1));
        }
        return result;
    }
}
