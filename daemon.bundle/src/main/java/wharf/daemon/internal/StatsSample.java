package wharf.daemon.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import wharf.common.GoTime;
import wharf.engine.api.container.ContainerStats;
import wharf.engine.api.container.ContainerStats.Blkio;
import wharf.engine.api.container.ContainerStats.BlkioEntry;
import wharf.engine.api.container.ContainerStats.Cpu;
import wharf.engine.api.container.ContainerStats.CpuUsage;
import wharf.engine.api.container.ContainerStats.Memory;
import wharf.engine.api.container.ContainerStats.Pids;
import wharf.engine.api.container.ContainerStats.Throttling;
import wharf.runtime.api.ResourceUsage;
import wharf.runtime.api.ResourceUsage.IoCount;

/**
 * One reading of a running container's cgroup, and how dockerd writes it with the reading before
 * it: {@code precpu_stats} and {@code preread} are the previous sample's, zero for the first;
 * {@code memory_stats.stats} in key order, as Go writes a map.
 */
record StatsSample(Instant read, ResourceUsage usage) {

    /** The sample in dockerd's shape; {@code previous} is null for the first of a stream. */
    ContainerStats toStats(StatsSample previous, String name, String id) {
        Cpu precpu = previous == null ? Cpu.NONE : previous.cpu();
        String preread = previous == null ? ContainerStats.ZERO_TIME : GoTime.format(previous.read());
        return new ContainerStats(GoTime.format(read), preread, new Pids(usage.pids(), usage.pidsLimit()),
                Blkio.of(entries(usage.ioServiceBytes()), entries(usage.ioServiced())), 0, Map.of(), cpu(), precpu,
                new Memory(usage.memoryUsage(), usage.memoryMaxUsage(), new TreeMap<>(usage.memoryStat()),
                        usage.memoryLimit()),
                "/" + name, id);
    }

    private Cpu cpu() {
        return new Cpu(new CpuUsage(usage.cpuTotal(), usage.cpuPerCpu(), usage.cpuKernel(), usage.cpuUser()),
                usage.systemCpu(), usage.onlineCpus(),
                new Throttling(usage.throttlePeriods(), usage.throttledPeriods(), usage.throttledTime()));
    }

    private static List<BlkioEntry> entries(List<IoCount> counts) {
        return counts.stream().map(c -> new BlkioEntry(c.major(), c.minor(), c.op(), c.value())).toList();
    }
}
