package wharf.runtime.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import wharf.runtime.api.ResourceUsage;
import wharf.runtime.api.ResourceUsage.IoCount;
import wharf.runtime.api.RuntimeFailure;

/**
 * Reads a container's cgroup the way runc's cgroup managers lay it out for the
 * {@code cgroupsPath} {@code /<parent>/<id>} that {@link OciConfig} sets: cgroup v1 with one
 * hierarchy per controller ({@code <root>/<controller>/<parent>/<id>}), or the unified v2
 * hierarchy ({@code <root>/<parent>/<id>}) when the root has {@code cgroup.controllers}.
 * Values are converted as moby's stats collector does: CPU ticks and microseconds to nanoseconds,
 * an unlimited memory limit to the host's memory.
 */
final class CgroupStats {
    /** USER_HZ, the unit of cpuacct.stat and /proc/stat: 100 on every Linux architecture Docker supports. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;

    private final Path cgroupRoot;
    private final Path proc;
    private final String parent;

    /**
     * @param cgroupRoot where the cgroup hierarchies are mounted ({@code /sys/fs/cgroup})
     * @param proc the proc filesystem, for the host's CPU time and memory
     * @param parent the cgroup the containers' cgroups sit in
     */
    CgroupStats(Path cgroupRoot, Path proc, String parent) {
        this.cgroupRoot = cgroupRoot;
        this.proc = proc;
        this.parent = parent;
    }

    /** The container's usage; empty when its cgroup does not exist (it does not run). */
    Optional<ResourceUsage> read(String id) {
        try {
            return Files.exists(cgroupRoot.resolve("cgroup.controllers")) ? readV2(id) : readV1(id);
        } catch (IOException | NumberFormatException e) {
            throw new RuntimeFailure("cannot read the cgroup of container " + id + ": " + e.getMessage(), e);
        }
    }

    private Optional<ResourceUsage> readV1(String id) throws IOException {
        Path memory = cgroupRoot.resolve("memory").resolve(parent).resolve(id);
        Path cpuacct = cgroupRoot.resolve("cpuacct").resolve(parent).resolve(id);
        if (!Files.isDirectory(memory) && !Files.isDirectory(cpuacct)) {
            return Optional.empty();
        }
        Path cpu = cgroupRoot.resolve("cpu").resolve(parent).resolve(id);
        Path pids = cgroupRoot.resolve("pids").resolve(parent).resolve(id);
        Path blkio = cgroupRoot.resolve("blkio").resolve(parent).resolve(id);
        Map<String, Long> cpuTicks = keyValues(cpuacct.resolve("cpuacct.stat"));
        Map<String, Long> throttling = keyValues(cpu.resolve("cpu.stat"));
        Host host = host();
        return Optional.of(new ResourceUsage(number(cpuacct.resolve("cpuacct.usage")),
                numbers(cpuacct.resolve("cpuacct.usage_percpu")),
                cpuTicks.getOrDefault("system", 0L) * NANOS_PER_TICK,
                cpuTicks.getOrDefault("user", 0L) * NANOS_PER_TICK,
                throttling.getOrDefault("nr_periods", 0L), throttling.getOrDefault("nr_throttled", 0L),
                throttling.getOrDefault("throttled_time", 0L), host.cpuTime(), host.cpus(),
                number(memory.resolve("memory.usage_in_bytes")), number(memory.resolve("memory.max_usage_in_bytes")),
                host.capMemory(number(memory.resolve("memory.limit_in_bytes"))),
                keyValues(memory.resolve("memory.stat")), number(pids.resolve("pids.current")),
                number(pids.resolve("pids.max")), blkioV1(blkio, "io_service_bytes_recursive"),
                blkioV1(blkio, "io_serviced_recursive")));
    }

    /** The CFQ counters, or the throttling layer's where the scheduler keeps none (as runc reads them). */
    private static List<IoCount> blkioV1(Path dir, String name) throws IOException {
        List<IoCount> counts = blkioLines(dir.resolve("blkio." + name));
        return counts.isEmpty() ? blkioLines(dir.resolve("blkio.throttle." + name)) : counts;
    }

    /** Lines {@code 8:0 Read 4096}; the closing {@code Total n} line sums them all and is left out. */
    private static List<IoCount> blkioLines(Path file) throws IOException {
        List<IoCount> counts = new ArrayList<>();
        for (String line : lines(file)) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length != 3) {
                continue;
            }
            String[] device = fields[0].split(":");
            counts.add(new IoCount(Long.parseLong(device[0]), Long.parseLong(device[1]), fields[1],
                    Long.parseLong(fields[2])));
        }
        return counts;
    }

    private Optional<ResourceUsage> readV2(String id) throws IOException {
        Path dir = cgroupRoot.resolve(parent).resolve(id);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Map<String, Long> cpu = keyValues(dir.resolve("cpu.stat"));
        Host host = host();
        List<IoCount> bytes = new ArrayList<>();
        List<IoCount> ios = new ArrayList<>();
        ioStatV2(dir.resolve("io.stat"), bytes, ios);
        return Optional.of(new ResourceUsage(cpu.getOrDefault("usage_usec", 0L) * NANOS_PER_MICRO, List.of(),
                cpu.getOrDefault("system_usec", 0L) * NANOS_PER_MICRO,
                cpu.getOrDefault("user_usec", 0L) * NANOS_PER_MICRO, cpu.getOrDefault("nr_periods", 0L),
                cpu.getOrDefault("nr_throttled", 0L), cpu.getOrDefault("throttled_usec", 0L) * NANOS_PER_MICRO,
                host.cpuTime(), host.cpus(), number(dir.resolve("memory.current")), 0,
                host.capMemory(number(dir.resolve("memory.max"))), keyValues(dir.resolve("memory.stat")),
                number(dir.resolve("pids.current")), number(dir.resolve("pids.max")), bytes, ios));
    }

    /** Lines {@code 8:0 rbytes=1 wbytes=2 rios=3 wios=4 …}, as Read and Write counts (moby's v2 conversion). */
    private static void ioStatV2(Path file, List<IoCount> bytes, List<IoCount> ios) throws IOException {
        for (String line : lines(file)) {
            String[] fields = line.trim().split("\\s+");
            String[] device = fields[0].split(":");
            if (device.length != 2) {
                continue;
            }
            long major = Long.parseLong(device[0]);
            long minor = Long.parseLong(device[1]);
            for (int i = 1; i < fields.length; i++) {
                String[] kv = fields[i].split("=", 2);
                if (kv.length != 2) {
                    continue;
                }
                long value = Long.parseLong(kv[1]);
                switch (kv[0]) {
                    case "rbytes" -> bytes.add(new IoCount(major, minor, "Read", value));
                    case "wbytes" -> bytes.add(new IoCount(major, minor, "Write", value));
                    case "rios" -> ios.add(new IoCount(major, minor, "Read", value));
                    case "wios" -> ios.add(new IoCount(major, minor, "Write", value));
                    default -> {
                        // dbytes, dios: moby reports no discards for v2
                    }
                }
            }
        }
    }

    /** The host's facts the stats need. */
    private record Host(long cpuTime, int cpus, long memory) {
        /** An unlimited (or larger than the host) limit is the host's memory, as dockerd reports it. */
        long capMemory(long limit) {
            return memory > 0 && (limit == 0 || limit > memory) ? memory : limit;
        }
    }

    /** /proc/stat's first line summed (user … softirq, as moby's getSystemCPUUsage) and its cpuN lines. */
    private Host host() throws IOException {
        long ticks = 0;
        int cpus = 0;
        for (String line : lines(proc.resolve("stat"))) {
            String[] fields = line.trim().split("\\s+");
            if (fields[0].equals("cpu")) {
                for (int i = 1; i < Math.min(fields.length, 8); i++) {
                    ticks += Long.parseLong(fields[i]);
                }
            } else if (fields[0].matches("cpu\\d+")) {
                cpus++;
            }
        }
        long memory = 0;
        for (String line : lines(proc.resolve("meminfo"))) {
            String[] fields = line.trim().split("\\s+");
            if (fields[0].equals("MemTotal:") && fields.length >= 2) {
                memory = Long.parseLong(fields[1]) * 1024;
            }
        }
        return new Host(ticks * NANOS_PER_TICK, cpus, memory);
    }

    /** A file of {@code key value} lines; missing means empty. */
    private static Map<String, Long> keyValues(Path file) throws IOException {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : lines(file)) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 2) {
                values.put(fields[0], Long.parseLong(fields[1]));
            }
        }
        return values;
    }

    /** A file holding one number; {@code max} (no limit) and a missing file read as 0. */
    private static long number(Path file) throws IOException {
        List<String> lines = lines(file);
        String value = lines.isEmpty() ? "" : lines.get(0).trim();
        return value.isEmpty() || value.equals("max") ? 0 : Long.parseLong(value);
    }

    private static List<Long> numbers(Path file) throws IOException {
        List<Long> values = new ArrayList<>();
        for (String line : lines(file)) {
            for (String field : line.trim().split("\\s+")) {
                if (!field.isEmpty()) {
                    values.add(Long.parseLong(field));
                }
            }
        }
        return values;
    }

    /** A controller the host lacks (pids, blkio) leaves its files missing: they count as empty. */
    private static List<String> lines(Path file) throws IOException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }
}
