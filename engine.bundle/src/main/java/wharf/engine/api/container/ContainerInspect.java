package wharf.engine.api.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

import wharf.engine.api.image.ContainerConfig;

/**
 * {@code GET /containers/{name}/json} as dockerd's {@code ContainerJSON} at API 1.47: times in
 * RFC 3339 with nanoseconds ({@code 0001-01-01T00:00:00Z} when not yet), {@code Name} with its
 * leading {@code /}, {@code SizeRw}/{@code SizeRootFs} only when asked for.
 */
public record ContainerInspect(
        @JsonProperty("Id") String id,
        @JsonProperty("Created") String created,
        @JsonProperty("Path") String path,
        @JsonProperty("Args") List<String> args,
        @JsonProperty("State") State state,
        @JsonProperty("Image") String image,
        @JsonProperty("ResolvConfPath") String resolvConfPath,
        @JsonProperty("HostnamePath") String hostnamePath,
        @JsonProperty("HostsPath") String hostsPath,
        @JsonProperty("LogPath") String logPath,
        @JsonProperty("Name") String name,
        @JsonProperty("RestartCount") int restartCount,
        @JsonProperty("Driver") String driver,
        @JsonProperty("Platform") String platform,
        @JsonProperty("MountLabel") String mountLabel,
        @JsonProperty("ProcessLabel") String processLabel,
        @JsonProperty("AppArmorProfile") String appArmorProfile,
        @JsonProperty("ExecIDs") List<String> execIds,
        @JsonProperty("HostConfig") HostConfig hostConfig,
        @JsonProperty("GraphDriver") GraphDriver graphDriver,
        @JsonProperty("SizeRw") @JsonInclude(JsonInclude.Include.NON_NULL) Long sizeRw,
        @JsonProperty("SizeRootFs") @JsonInclude(JsonInclude.Include.NON_NULL) Long sizeRootFs,
        @JsonProperty("Mounts") List<MountPoint> mounts,
        @JsonProperty("Config") ContainerConfig config,
        @JsonProperty("NetworkSettings") Map<String, Object> networkSettings) {

    /**
     * {@code Status} is created, running, paused, restarting, removing, exited or dead; {@code Pid}
     * 0 when not running; {@code Error} the last start failure's message.
     */
    public record State(
            @JsonProperty("Status") String status,
            @JsonProperty("Running") boolean running,
            @JsonProperty("Paused") boolean paused,
            @JsonProperty("Restarting") boolean restarting,
            @JsonProperty("OOMKilled") boolean oomKilled,
            @JsonProperty("Dead") boolean dead,
            @JsonProperty("Pid") long pid,
            @JsonProperty("ExitCode") int exitCode,
            @JsonProperty("Error") String error,
            @JsonProperty("StartedAt") String startedAt,
            @JsonProperty("FinishedAt") String finishedAt) {
    }

    /** The storage driver's name and its data (lower, upper, merged and work dirs). */
    public record GraphDriver(@JsonProperty("Data") Map<String, String> data, @JsonProperty("Name") String name) {
    }
}
