package wharf.routes.system.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Facts about this machine as the kernel reports them, read where dockerd reads them (uname,
 * /proc, /etc/os-release, the cgroup mount). Static facts are read once; figures that change
 * are read each time they are asked for.
 */
@Component(service = HostFacts.class)
public final class HostFacts {
    private final String kernelVersion = firstLine(Path.of("/proc/sys/kernel/osrelease"), "unknown");
    private final Map<String, String> osRelease = osRelease();
    private final String hostname = readHostname();

    public String kernelVersion() {
        return kernelVersion;
    }

    /** {@code PRETTY_NAME} of /etc/os-release, as dockerd's OperatingSystem. */
    public String operatingSystem() {
        return osRelease.getOrDefault("PRETTY_NAME", "Linux");
    }

    public String osVersion() {
        return osRelease.getOrDefault("VERSION_ID", "");
    }

    public String hostname() {
        return hostname;
    }

    public int cpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** MemTotal of /proc/meminfo in bytes. */
    public long memTotal() {
        return meminfo("MemTotal");
    }

    /** The machine name as {@code uname -m}: x86_64, aarch64. */
    public String machine() {
        String arch = System.getProperty("os.arch", "");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
    }

    /** The architecture in Go's words: amd64, arm64. */
    public String goArch() {
        return switch (machine()) {
            case "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> machine();
        };
    }

    /** "2" on a unified cgroup hierarchy, else "1". */
    public String cgroupVersion() {
        return Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1";
    }

    /** Whether the kernel offers overlayfs, which the runtime stacks image layers with. */
    public boolean overlaySupported() {
        try {
            return Files.readAllLines(Path.of("/proc/filesystems")).stream().anyMatch(l -> l.endsWith("\toverlay"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Open file descriptors of this process. */
    public int openFiles() {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long meminfo(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith(key + ":")) {
                    String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
                    long value = Long.parseLong(parts[0]);
                    return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static Map<String, String> osRelease() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String file : List.of("/etc/os-release", "/usr/lib/os-release")) {
            try {
                for (String line : Files.readAllLines(Path.of(file))) {
                    int eq = line.indexOf('=');
                    if (eq > 0 && !line.startsWith("#")) {
                        values.put(line.substring(0, eq), unquote(line.substring(eq + 1).trim()));
                    }
                }
                return values;
            } catch (IOException e) {
                // try the next location
            }
        }
        return values;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static String readHostname() {
        String fromKernel = firstLine(Path.of("/proc/sys/kernel/hostname"), null);
        if (fromKernel != null && !fromKernel.isBlank()) {
            return fromKernel;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String firstLine(Path file, String fallback) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? fallback : lines.get(0).trim();
        } catch (IOException e) {
            return fallback;
        }
    }
}
