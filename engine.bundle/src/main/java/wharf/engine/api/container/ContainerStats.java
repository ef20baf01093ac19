package wharf.engine.api.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * One sample of {@code GET /containers/{name}/stats}, named and shaped as dockerd's
 * {@code types.StatsJSON}: fields dockerd tags {@code omitempty} are left out when zero, and a
 * container that does not run gets {@link #stopped} (zero times, null blkio lists, empty memory
 * and pids stats). Networks are left out: wharf reads no network namespace statistics.
 *
 * @param read when the sample was taken, RFC 3339 with nanoseconds ({@code 0001-01-01T00:00:00Z} if never)
 * @param preread when the previous sample (the one in {@code precpu_stats}) was taken
 */
@JsonPropertyOrder({"read", "preread", "pids_stats", "blkio_stats", "num_procs", "storage_stats", "cpu_stats",
        "precpu_stats", "memory_stats", "name", "id"})
public record ContainerStats(@JsonProperty("read") String read, @JsonProperty("preread") String preread,
        @JsonProperty("pids_stats") Pids pidsStats, @JsonProperty("blkio_stats") Blkio blkioStats,
        @JsonProperty("num_procs") int numProcs, @JsonProperty("storage_stats") Map<String, Object> storageStats,
        @JsonProperty("cpu_stats") Cpu cpuStats, @JsonProperty("precpu_stats") Cpu precpuStats,
        @JsonProperty("memory_stats") Memory memoryStats, @JsonProperty("name") String name,
        @JsonProperty("id") String id) {

    /** Go's zero time, as dockerd writes it for a sample never taken. */
    public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    /** What dockerd answers for a container that does not run. */
    public static ContainerStats stopped(String name, String id) {
        return new ContainerStats(ZERO_TIME, ZERO_TIME, Pids.NONE, Blkio.NONE, 0, Map.of(), Cpu.NONE, Cpu.NONE,
                Memory.NONE, name, id);
    }

    /** {@code pids_stats}; a limit of 0 means none. */
    public record Pids(@JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("current") long current,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("limit") long limit) {
        public static final Pids NONE = new Pids(0, 0);
    }

    /** {@code blkio_stats}: each list null when nothing was read, as for a stopped container. */
    public record Blkio(@JsonProperty("io_service_bytes_recursive") List<BlkioEntry> ioServiceBytesRecursive,
            @JsonProperty("io_serviced_recursive") List<BlkioEntry> ioServicedRecursive,
            @JsonProperty("io_queue_recursive") List<BlkioEntry> ioQueueRecursive,
            @JsonProperty("io_service_time_recursive") List<BlkioEntry> ioServiceTimeRecursive,
            @JsonProperty("io_wait_time_recursive") List<BlkioEntry> ioWaitTimeRecursive,
            @JsonProperty("io_merged_recursive") List<BlkioEntry> ioMergedRecursive,
            @JsonProperty("io_time_recursive") List<BlkioEntry> ioTimeRecursive,
            @JsonProperty("sectors_recursive") List<BlkioEntry> sectorsRecursive) {
        public static final Blkio NONE = new Blkio(null, null, null, null, null, null, null, null);

        /** The bytes and operations a running container's cgroup counted; the other lists empty. */
        public static Blkio of(List<BlkioEntry> serviceBytes, List<BlkioEntry> serviced) {
            return new Blkio(List.copyOf(serviceBytes), List.copyOf(serviced), List.of(), List.of(), List.of(),
                    List.of(), List.of(), List.of());
        }
    }

    /** One device's counter for one operation ({@code Read}, {@code Write}, {@code Sync}, {@code Async}, {@code Discard}, {@code Total}). */
    public record BlkioEntry(@JsonProperty("major") long major, @JsonProperty("minor") long minor,
            @JsonProperty("op") String op, @JsonProperty("value") long value) {
    }

    /** {@code cpu_stats} and {@code precpu_stats}; times in nanoseconds. */
    @JsonPropertyOrder({"cpu_usage", "system_cpu_usage", "online_cpus", "throttling_data"})
    public record Cpu(@JsonProperty("cpu_usage") CpuUsage cpuUsage,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("system_cpu_usage") long systemCpuUsage,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("online_cpus") int onlineCpus,
            @JsonProperty("throttling_data") Throttling throttlingData) {
        public static final Cpu NONE = new Cpu(new CpuUsage(0, null, 0, 0), 0, 0, new Throttling(0, 0, 0));
    }

    /** The cgroup's CPU time; {@code percpu_usage} only where cgroup v1 counts it. */
    @JsonPropertyOrder({"total_usage", "percpu_usage", "usage_in_kernelmode", "usage_in_usermode"})
    public record CpuUsage(@JsonProperty("total_usage") long totalUsage,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("percpu_usage") List<Long> percpuUsage,
            @JsonProperty("usage_in_kernelmode") long usageInKernelmode,
            @JsonProperty("usage_in_usermode") long usageInUsermode) {
    }

    /** {@code throttling_data}: CFS periods, throttled periods and the throttled time in nanoseconds. */
    public record Throttling(@JsonProperty("periods") long periods,
            @JsonProperty("throttled_periods") long throttledPeriods,
            @JsonProperty("throttled_time") long throttledTime) {
    }

    /**
     * {@code memory_stats}: {@code max_usage} only where cgroup v1 counts it; {@code stats} is the
     * cgroup's {@code memory.stat}; {@code limit} the cgroup's limit, or the host's memory when
     * that is less.
     */
    @JsonPropertyOrder({"usage", "max_usage", "stats", "limit"})
    public record Memory(@JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("usage") long usage,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("max_usage") long maxUsage,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("stats") Map<String, Long> stats,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("limit") long limit) {
        public static final Memory NONE = new Memory(0, 0, null, 0);
    }
}
