package wharf.routes.system.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import wharf.engine.api.Engine;
import wharf.engine.api.system.ContainerCounts;
import wharf.engine.api.system.SystemJobs;
import wharf.server.api.ServerInfo;

/**
 * {@code GET /info} in dockerd's shape, with this machine's real figures. Container and image
 * counts come from the backends through jobs, and are zero while no backend is installed.
 */
record SystemInfo(
        @JsonProperty("ID") String id,
        @JsonProperty("Containers") int containers,
        @JsonProperty("ContainersRunning") int containersRunning,
        @JsonProperty("ContainersPaused") int containersPaused,
        @JsonProperty("ContainersStopped") int containersStopped,
        @JsonProperty("Images") int images,
        @JsonProperty("Driver") String driver,
        @JsonProperty("DriverStatus") List<List<String>> driverStatus,
        @JsonProperty("Plugins") Map<String, List<String>> plugins,
        @JsonProperty("MemoryLimit") boolean memoryLimit,
        @JsonProperty("SwapLimit") boolean swapLimit,
        @JsonProperty("CpuCfsPeriod") boolean cpuCfsPeriod,
        @JsonProperty("CpuCfsQuota") boolean cpuCfsQuota,
        @JsonProperty("CPUShares") boolean cpuShares,
        @JsonProperty("CPUSet") boolean cpuSet,
        @JsonProperty("PidsLimit") boolean pidsLimit,
        @JsonProperty("IPv4Forwarding") boolean ipv4Forwarding,
        @JsonProperty("Debug") boolean debug,
        @JsonProperty("NFd") int nfd,
        @JsonProperty("OomKillDisable") boolean oomKillDisable,
        @JsonProperty("NGoroutines") int goroutines,
        @JsonProperty("SystemTime") String systemTime,
        @JsonProperty("LoggingDriver") String loggingDriver,
        @JsonProperty("CgroupDriver") String cgroupDriver,
        @JsonProperty("CgroupVersion") String cgroupVersion,
        @JsonProperty("NEventsListener") int eventsListeners,
        @JsonProperty("KernelVersion") String kernelVersion,
        @JsonProperty("OperatingSystem") String operatingSystem,
        @JsonProperty("OSVersion") String osVersion,
        @JsonProperty("OSType") String osType,
        @JsonProperty("Architecture") String architecture,
        @JsonProperty("IndexServerAddress") String indexServerAddress,
        @JsonProperty("RegistryConfig") Map<String, Object> registryConfig,
        @JsonProperty("NCPU") int ncpu,
        @JsonProperty("MemTotal") long memTotal,
        @JsonProperty("DockerRootDir") String dockerRootDir,
        @JsonProperty("HttpProxy") String httpProxy,
        @JsonProperty("HttpsProxy") String httpsProxy,
        @JsonProperty("NoProxy") String noProxy,
        @JsonProperty("Name") String name,
        @JsonProperty("Labels") List<String> labels,
        @JsonProperty("ExperimentalBuild") boolean experimentalBuild,
        @JsonProperty("ServerVersion") String serverVersion,
        @JsonProperty("Runtimes") Map<String, Object> runtimes,
        @JsonProperty("DefaultRuntime") String defaultRuntime,
        @JsonProperty("Swarm") Map<String, Object> swarm,
        @JsonProperty("LiveRestoreEnabled") boolean liveRestoreEnabled,
        @JsonProperty("Isolation") String isolation,
        @JsonProperty("InitBinary") String initBinary,
        @JsonProperty("SecurityOptions") List<String> securityOptions,
        @JsonProperty("Warnings") List<String> warnings) {

    /** dockerd treats loopback registries as insecure whatever it is told. */
    private static final String LOOPBACK = "127.0.0.0/8";

    /**
     * @param insecureRegistries {@code --insecure-registry} values: CIDR blocks join 127.0.0.0/8 in
     *                           {@code InsecureRegistryCIDRs}, names get an insecure {@code IndexConfigs} entry
     */
    static SystemInfo gather(Engine engine, HostFacts host, DaemonIdentity identity, ServerInfo server,
            List<String> insecureRegistries) {
        ContainerCounts counts = engine.handles(SystemJobs.CONTAINER_COUNTS)
                ? engine.run(SystemJobs.CONTAINER_COUNTS, null) : ContainerCounts.NONE;
        int images = engine.handles(SystemJobs.IMAGE_COUNT) ? engine.run(SystemJobs.IMAGE_COUNT, null) : 0;
        boolean overlay = host.overlaySupported();
        boolean cgroup2 = host.cgroupVersion().equals("2");
        return new SystemInfo(identity.id(), counts.total(), counts.running(), counts.paused(), counts.stopped(), images,
                overlay ? "overlay2" : "vfs", List.of(),
                Map.of("Volume", List.of("local"), "Network", List.of("host", "none"), "Authorization", List.of(),
                        "Log", List.of("json-file")),
                true, cgroup2, true, true, true, true, true, false,
                org.slf4j.LoggerFactory.getLogger("wharf").isDebugEnabled(), host.openFiles(), false,
                Thread.activeCount(), Instant.now().toString(), "json-file", "cgroupfs", host.cgroupVersion(), 0,
                host.kernelVersion(), host.operatingSystem(), host.osVersion(), "linux", host.machine(),
                "https://index.docker.io/v1/",
                registryConfig(insecureRegistries),
                host.cpus(), host.memTotal(), identity.dataRoot().toString(), env("HTTP_PROXY"), env("HTTPS_PROXY"),
                env("NO_PROXY"), host.hostname(), List.of(), false, server.version(), Map.of(), "runc",
                Map.of("NodeID", "", "NodeAddr", "", "LocalNodeState", "inactive", "ControlAvailable", false,
                        "Error", "", "RemoteManagers", List.of()),
                false, "", "", List.of(), List.of());
    }

    /** dockerd's {@code RegistryConfig}: Docker Hub, and the registries it reaches over plain HTTP. */
    static Map<String, Object> registryConfig(List<String> insecureRegistries) {
        List<String> cidrs = new ArrayList<>(List.of(LOOPBACK));
        Map<String, Object> indexes = new TreeMap<>();
        indexes.put("docker.io", index("docker.io", true, true));
        for (String entry : insecureRegistries) {
            String name = entry.replaceFirst("^(?i)https?://", "");
            if (name.contains("/")) {
                if (!cidrs.contains(name)) {
                    cidrs.add(name);
                }
            } else {
                indexes.put(name, index(name, false, false));
            }
        }
        return Map.of("AllowNondistributableArtifactsCIDRs", List.of(),
                "InsecureRegistryCIDRs", cidrs,
                "IndexConfigs", indexes,
                "Mirrors", List.of());
    }

    private static Map<String, Object> index(String name, boolean secure, boolean official) {
        return Map.of("Name", name, "Mirrors", List.of(), "Secure", secure, "Official", official);
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null) {
            v = System.getenv(name.toLowerCase(java.util.Locale.ROOT));
        }
        return v == null ? "" : v;
    }
}
