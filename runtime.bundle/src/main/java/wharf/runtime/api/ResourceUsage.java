package wharf.runtime.api;

import java.util.List;
import java.util.Map;

/**
 * One reading of a container's cgroup (v1 or v2, whichever the host has) and of the host's CPU
 * time, in the units dockerd reports: times in nanoseconds, memory in bytes.
 *
 * @param cpuTotal CPU time the container's processes used
 * @param cpuPerCpu the same per CPU; empty where the cgroup does not count it (v2)
 * @param cpuKernel CPU time in kernel mode
 * @param cpuUser CPU time in user mode
 * @param throttlePeriods CFS periods that passed
 * @param throttledPeriods CFS periods in which the container was throttled
 * @param throttledTime time the container was throttled
 * @param systemCpu the host's CPU time since boot, all CPUs and states, as {@code /proc/stat} counts it
 * @param onlineCpus the host's CPUs
 * @param memoryUsage memory in use
 * @param memoryMaxUsage the most memory ever in use; 0 where the cgroup does not count it (v2)
 * @param memoryLimit the cgroup's memory limit, or the host's memory when that is less
 * @param memoryStat the cgroup's {@code memory.stat}
 * @param pids tasks in the cgroup
 * @param pidsLimit the most tasks allowed; 0 for no limit
 * @param ioServiceBytes bytes read and written per device and operation
 * @param ioServiced operations per device and operation
 */
public record ResourceUsage(long cpuTotal, List<Long> cpuPerCpu, long cpuKernel, long cpuUser,
        long throttlePeriods, long throttledPeriods, long throttledTime, long systemCpu, int onlineCpus,
        long memoryUsage, long memoryMaxUsage, long memoryLimit, Map<String, Long> memoryStat, long pids,
        long pidsLimit, List<IoCount> ioServiceBytes, List<IoCount> ioServiced) {

    public ResourceUsage {
        cpuPerCpu = List.copyOf(cpuPerCpu);
        memoryStat = Map.copyOf(memoryStat);
        ioServiceBytes = List.copyOf(ioServiceBytes);
        ioServiced = List.copyOf(ioServiced);
    }

    /**
     * One block-I/O counter.
     *
     * @param op {@code Read}, {@code Write}, {@code Sync}, {@code Async}, {@code Discard} or {@code Total}
     */
    public record IoCount(long major, long minor, String op, long value) {
    }
}
