package wharf.runtime.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import wharf.runtime.api.RuntimeFailure;
import wharf.runtime.api.RuntimeSpec;

/** A container's capability set, worked out as dockerd does (moby oci/caps TweakCapabilities). */
final class Capabilities {

    /** dockerd's default capability set (moby oci/caps/defaults.go). */
    static final List<String> DEFAULT = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    /** Linux's capabilities, indexed by number (linux/capability.h). */
    static final List<String> KNOWN = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
            "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
            "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK",
            "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
            "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
            "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
            "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
            "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");

    private static final String ALL = "ALL";

    private Capabilities() {
    }

    /** The capabilities the container's processes get. */
    static List<String> of(RuntimeSpec.Security security) {
        if (security.privileged()) {
            return all();
        }
        List<String> adds = normalize(security.capAdd());
        List<String> drops = normalize(security.capDrop());
        Set<String> result = new LinkedHashSet<>();
        if (!drops.contains(ALL)) {
            for (String cap : adds.contains(ALL) ? all() : DEFAULT) {
                if (!drops.contains(cap)) {
                    result.add(cap);
                }
            }
        }
        for (String cap : adds) {
            if (cap.equals(ALL)) {
                continue;
            }
            result.add(cap);
        }
        return List.copyOf(result);
    }

    /**
     * Every capability this process may hand on: the known ones its bounding set holds (a sandbox
     * may have removed some; asking the runtime for those would fail the container).
     */
    static List<String> all() {
        long bounding = boundingSet();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < KNOWN.size(); i++) {
            if ((bounding & (1L << i)) != 0) {
                all.add(KNOWN.get(i));
            }
        }
        return all;
    }

    private static long boundingSet() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapBnd:")) {
                    return Long.parseUnsignedLong(line.substring("CapBnd:".length()).strip(), 16);
                }
            }
            throw new RuntimeFailure("/proc/self/status has no CapBnd line");
        } catch (IOException e) {
            throw new RuntimeFailure("cannot read this process's capabilities: " + e.getMessage(), e);
        }
    }

    /** {@code net_admin}, {@code CAP_NET_ADMIN} and {@code all} alike; unknown names are refused, as dockerd does. */
    static List<String> normalize(List<String> names) {
        List<String> result = new ArrayList<>();
        for (String name : names) {
            String upper = name.strip().toUpperCase(Locale.ROOT);
            String cap = upper.equals(ALL) || upper.startsWith("CAP_") ? upper : "CAP_" + upper;
            if (!cap.equals(ALL) && !KNOWN.contains(cap)) {
                throw new RuntimeFailure("unknown capability: \"" + cap + "\"");
            }
            result.add(cap);
        }
        return result;
    }
}
