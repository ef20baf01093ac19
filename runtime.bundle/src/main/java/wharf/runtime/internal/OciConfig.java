package wharf.runtime.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import wharf.runtime.api.RuntimeSpec;

/** Builds a container's config.json (OCI runtime spec 1.0) with dockerd's defaults. */
final class OciConfig {

    /** dockerd's default capability set (moby oci/caps/defaults.go). */
    static final List<String> DEFAULT_CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    /** dockerd's masked paths (moby oci/defaults.go). */
    static final List<String> MASKED_PATHS = List.of("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");

    static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    /** Where the bundle remembers its log path, so start needs only the container's ID. */
    static final String LOG_PATH_ANNOTATION = "wharf.log.path";

    private OciConfig() {
    }

    /**
     * @param user the resolved numeric user
     * @param rootfs the rootfs path relative to the bundle
     */
    static Map<String, Object> build(RuntimeSpec spec, Users.Resolved user, String rootfs) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("ociVersion", "1.0.2");
        config.put("process", process(spec, user));
        config.put("root", Map.of("path", rootfs, "readonly", spec.readonlyRootfs()));
        config.put("hostname", spec.hostname());
        config.put("mounts", mounts());
        config.put("linux", linux(spec));
        config.put("annotations", Map.of(LOG_PATH_ANNOTATION, spec.logPath().toAbsolutePath().toString()));
        return config;
    }

    private static Map<String, Object> process(RuntimeSpec spec, Users.Resolved user) {
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("terminal", spec.tty());
        Map<String, Object> ids = new LinkedHashMap<>();
        ids.put("uid", user.uid());
        ids.put("gid", user.gid());
        if (!user.additionalGids().isEmpty()) {
            ids.put("additionalGids", user.additionalGids());
        }
        process.put("user", ids);
        process.put("args", spec.args());
        process.put("env", spec.env());
        process.put("cwd", spec.cwd());
        process.put("capabilities", Map.of(
                "bounding", DEFAULT_CAPABILITIES,
                "effective", DEFAULT_CAPABILITIES,
                "permitted", DEFAULT_CAPABILITIES));
        // dockerd sets it only for --security-opt no-new-privileges; setuid programs must work
        process.put("noNewPrivileges", false);
        // no rlimits: the runtime keeps the ones it inherits (raising RLIMIT_NOFILE fails in some sandboxes)
        return process;
    }

    private static List<Map<String, Object>> mounts() {
        List<Map<String, Object>> mounts = new ArrayList<>();
        mounts.add(mount("/proc", "proc", "proc", "nosuid", "noexec", "nodev"));
        mounts.add(mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"));
        mounts.add(mount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666",
                "mode=0620", "gid=5"));
        mounts.add(mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"));
        mounts.add(mount("/sys/fs/cgroup", "cgroup", "cgroup", "ro", "nosuid", "noexec", "nodev"));
        mounts.add(mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"));
        mounts.add(mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k"));
        return mounts;
    }

    private static Map<String, Object> mount(String destination, String type, String source, String... options) {
        return Map.of("destination", destination, "type", type, "source", source, "options", List.of(options));
    }

    private static Map<String, Object> linux(RuntimeSpec spec) {
        Map<String, Object> linux = new LinkedHashMap<>();
        // no network namespace: containers share the host's network until networking lands
        linux.put("namespaces", List.of(
                Map.of("type", "pid"), Map.of("type", "ipc"), Map.of("type", "uts"), Map.of("type", "mount")));
        linux.put("resources", Map.of("devices", List.of(Map.of("allow", false, "access", "rwm"))));
        linux.put("cgroupsPath", "/wharf/" + spec.id());
        linux.put("maskedPaths", MASKED_PATHS);
        linux.put("readonlyPaths", READONLY_PATHS);
        return linux;
    }
}
