package wharf.engine.api.container;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * dockerd's {@code container.HostConfig}: the fields {@code docker run} sends and inspect shows,
 * in Go's order, written as Go writes them (absent lists and maps as null). Unknown fields are
 * ignored on the way in.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostConfig(
        @JsonProperty("Binds") List<String> binds,
        @JsonProperty("ContainerIDFile") String containerIdFile,
        @JsonProperty("LogConfig") LogConfig logConfig,
        @JsonProperty("NetworkMode") String networkMode,
        @JsonProperty("PortBindings") Map<String, Object> portBindings,
        @JsonProperty("RestartPolicy") RestartPolicy restartPolicy,
        @JsonProperty("AutoRemove") boolean autoRemove,
        @JsonProperty("VolumeDriver") String volumeDriver,
        @JsonProperty("VolumesFrom") List<String> volumesFrom,
        @JsonProperty("ConsoleSize") List<Integer> consoleSize,
        @JsonProperty("CapAdd") List<String> capAdd,
        @JsonProperty("CapDrop") List<String> capDrop,
        @JsonProperty("CgroupnsMode") String cgroupnsMode,
        @JsonProperty("Dns") List<String> dns,
        @JsonProperty("DnsOptions") List<String> dnsOptions,
        @JsonProperty("DnsSearch") List<String> dnsSearch,
        @JsonProperty("ExtraHosts") List<String> extraHosts,
        @JsonProperty("GroupAdd") List<String> groupAdd,
        @JsonProperty("IpcMode") String ipcMode,
        @JsonProperty("Cgroup") String cgroup,
        @JsonProperty("Links") List<String> links,
        @JsonProperty("OomScoreAdj") int oomScoreAdj,
        @JsonProperty("PidMode") String pidMode,
        @JsonProperty("Privileged") boolean privileged,
        @JsonProperty("PublishAllPorts") boolean publishAllPorts,
        @JsonProperty("ReadonlyRootfs") boolean readonlyRootfs,
        @JsonProperty("SecurityOpt") List<String> securityOpt,
        @JsonProperty("Tmpfs") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> tmpfs,
        @JsonProperty("UTSMode") String utsMode,
        @JsonProperty("UsernsMode") String usernsMode,
        @JsonProperty("ShmSize") long shmSize,
        @JsonProperty("Runtime") String runtime,
        @JsonProperty("Isolation") String isolation,
        @JsonProperty("CpuShares") long cpuShares,
        @JsonProperty("Memory") long memory,
        @JsonProperty("NanoCpus") long nanoCpus,
        @JsonProperty("CgroupParent") String cgroupParent,
        @JsonProperty("CpuPeriod") long cpuPeriod,
        @JsonProperty("CpuQuota") long cpuQuota,
        @JsonProperty("CpusetCpus") String cpusetCpus,
        @JsonProperty("CpusetMems") String cpusetMems,
        @JsonProperty("Devices") List<Object> devices,
        @JsonProperty("MemoryReservation") long memoryReservation,
        @JsonProperty("MemorySwap") long memorySwap,
        @JsonProperty("MemorySwappiness") Long memorySwappiness,
        @JsonProperty("OomKillDisable") Boolean oomKillDisable,
        @JsonProperty("PidsLimit") Long pidsLimit,
        @JsonProperty("Ulimits") List<Object> ulimits,
        @JsonProperty("Mounts") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Mount> mounts,
        @JsonProperty("MaskedPaths") List<String> maskedPaths,
        @JsonProperty("ReadonlyPaths") List<String> readonlyPaths,
        @JsonProperty("Init") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean init) {

    public HostConfig {
        containerIdFile = containerIdFile == null ? "" : containerIdFile;
        logConfig = logConfig == null ? new LogConfig("json-file", Map.of()) : logConfig;
        networkMode = networkMode == null || networkMode.isEmpty() ? "default" : networkMode;
        restartPolicy = restartPolicy == null ? RestartPolicy.NO : restartPolicy;
        volumeDriver = volumeDriver == null ? "" : volumeDriver;
        consoleSize = consoleSize == null ? List.of(0, 0) : consoleSize;
        cgroupnsMode = cgroupnsMode == null ? "" : cgroupnsMode;
        ipcMode = ipcMode == null ? "" : ipcMode;
        cgroup = cgroup == null ? "" : cgroup;
        pidMode = pidMode == null ? "" : pidMode;
        utsMode = utsMode == null ? "" : utsMode;
        usernsMode = usernsMode == null ? "" : usernsMode;
        runtime = runtime == null ? "" : runtime;
        isolation = isolation == null ? "" : isolation;
        cgroupParent = cgroupParent == null ? "" : cgroupParent;
        cpusetCpus = cpusetCpus == null ? "" : cpusetCpus;
        cpusetMems = cpusetMems == null ? "" : cpusetMems;
    }

    /** A host config with nothing set, as a create without {@code HostConfig} gets. */
    public static HostConfig empty() {
        return new HostConfig(null, null, null, null, null, null, false, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, 0, null, false, false, false, null, null, null, null, 0,
                null, null, 0, 0, 0, null, 0, 0, null, null, null, 0, 0, null, null, null, null, null, null, null,
                null);
    }

    /** {@code {"Type":"json-file","Config":{}}}. */
    public record LogConfig(@JsonProperty("Type") String type, @JsonProperty("Config") Map<String, String> config) {
        public LogConfig {
            type = type == null || type.isEmpty() ? "json-file" : type;
            config = config == null ? Map.of() : config;
        }
    }

    /**
     * {@code no}, {@code always}, {@code on-failure} (with a retry count) or {@code unless-stopped};
     * empty reads as {@code no}.
     */
    public record RestartPolicy(@JsonProperty("Name") String name,
            @JsonProperty("MaximumRetryCount") int maximumRetryCount) {
        public static final RestartPolicy NO = new RestartPolicy("no", 0);

        public RestartPolicy {
            name = name == null || name.isEmpty() ? "no" : name;
        }
    }

    /** A {@code Mounts} entry of type bind, tmpfs or volume, as the request sends it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Mount(
            @JsonProperty("Type") String type,
            @JsonProperty("Source") @JsonInclude(JsonInclude.Include.NON_EMPTY) String source,
            @JsonProperty("Target") String target,
            @JsonProperty("ReadOnly") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean readOnly,
            @JsonProperty("TmpfsOptions") @JsonInclude(JsonInclude.Include.NON_NULL) TmpfsOptions tmpfsOptions) {
    }

    /** A tmpfs mount's size in bytes and mode. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TmpfsOptions(
            @JsonProperty("SizeBytes") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long sizeBytes,
            @JsonProperty("Mode") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int mode) {
    }
}
