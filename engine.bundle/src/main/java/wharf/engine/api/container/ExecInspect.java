package wharf.engine.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /exec/{id}/json} as dockerd's {@code ExecInspect}: {@code ExitCode} null until the
 * process has exited, {@code Pid} 0 until it runs.
 */
public record ExecInspect(
        @JsonProperty("ID") String id,
        @JsonProperty("Running") boolean running,
        @JsonProperty("ExitCode") Integer exitCode,
        @JsonProperty("ProcessConfig") ProcessConfig processConfig,
        @JsonProperty("OpenStdin") boolean openStdin,
        @JsonProperty("OpenStderr") boolean openStderr,
        @JsonProperty("OpenStdout") boolean openStdout,
        @JsonProperty("CanRemove") boolean canRemove,
        @JsonProperty("ContainerID") String containerId,
        @JsonProperty("DetachKeys") String detachKeys,
        @JsonProperty("Pid") long pid) {

    /** {@code {"tty":false,"entrypoint":"sh","arguments":["-c","…"],"privileged":false,"user":""}}. */
    public record ProcessConfig(
            @JsonProperty("tty") boolean tty,
            @JsonProperty("entrypoint") String entrypoint,
            @JsonProperty("arguments") List<String> arguments,
            @JsonProperty("privileged") boolean privileged,
            @JsonProperty("user") String user) {
    }
}
