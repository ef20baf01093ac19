package wharf.engine.api.container;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code POST /containers/{name}/exec}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecConfig(
        @JsonProperty("User") String user,
        @JsonProperty("Privileged") boolean privileged,
        @JsonProperty("Tty") boolean tty,
        @JsonProperty("ConsoleSize") List<Integer> consoleSize,
        @JsonProperty("AttachStdin") boolean attachStdin,
        @JsonProperty("AttachStderr") boolean attachStderr,
        @JsonProperty("AttachStdout") boolean attachStdout,
        @JsonProperty("Detach") boolean detach,
        @JsonProperty("DetachKeys") String detachKeys,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Cmd") List<String> cmd) {

    public ExecConfig {
        user = user == null ? "" : user;
        detachKeys = detachKeys == null ? "" : detachKeys;
        workingDir = workingDir == null ? "" : workingDir;
        env = env == null ? List.of() : List.copyOf(env);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
    }
}
