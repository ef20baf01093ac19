package wharf.engine.api.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * dockerd's {@code container.Config}: what an image's config says a container runs with, and
 * what {@code Config} shows in image inspect. Field names, order and omissions are Go's: fields
 * without {@code omitempty} are always written (null for absent lists and maps), the others only
 * when set. The {@code config} section of an image's config file uses the same names, so this
 * record also reads it (unknown fields ignored).
 * <p>
 * {@code ExposedPorts} and {@code Volumes} are Go sets, {@code {"80/tcp": {}}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerConfig(
        @JsonProperty("Hostname") String hostname,
        @JsonProperty("Domainname") String domainname,
        @JsonProperty("User") String user,
        @JsonProperty("AttachStdin") boolean attachStdin,
        @JsonProperty("AttachStdout") boolean attachStdout,
        @JsonProperty("AttachStderr") boolean attachStderr,
        @JsonProperty("ExposedPorts") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Map<String, Object>> exposedPorts,
        @JsonProperty("Tty") boolean tty,
        @JsonProperty("OpenStdin") boolean openStdin,
        @JsonProperty("StdinOnce") boolean stdinOnce,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Cmd") List<String> cmd,
        @JsonProperty("Healthcheck") @JsonInclude(JsonInclude.Include.NON_NULL) HealthConfig healthcheck,
        @JsonProperty("ArgsEscaped") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean argsEscaped,
        @JsonProperty("Image") String image,
        @JsonProperty("Volumes") Map<String, Map<String, Object>> volumes,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Entrypoint") List<String> entrypoint,
        @JsonProperty("NetworkDisabled") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean networkDisabled,
        @JsonProperty("MacAddress") @JsonInclude(JsonInclude.Include.NON_EMPTY) String macAddress,
        @JsonProperty("OnBuild") List<String> onBuild,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("StopSignal") @JsonInclude(JsonInclude.Include.NON_EMPTY) String stopSignal,
        @JsonProperty("StopTimeout") @JsonInclude(JsonInclude.Include.NON_NULL) Integer stopTimeout,
        @JsonProperty("Shell") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> shell) {

    public ContainerConfig {
        hostname = hostname == null ? "" : hostname;
        domainname = domainname == null ? "" : domainname;
        user = user == null ? "" : user;
        image = image == null ? "" : image;
        workingDir = workingDir == null ? "" : workingDir;
    }

    /** A config with nothing set, as an imported image has. */
    public static ContainerConfig empty() {
        return new ContainerConfig(null, null, null, false, false, false, null, false, false, false, null, null,
                null, false, null, null, null, null, false, null, null, null, null, null, null);
    }

    /**
     * A container's health check: the test command and durations in nanoseconds, as Go's
     * {@code time.Duration} marshals.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HealthConfig(
            @JsonProperty("Test") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> test,
            @JsonProperty("Interval") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long interval,
            @JsonProperty("Timeout") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long timeout,
            @JsonProperty("StartPeriod") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long startPeriod,
            @JsonProperty("StartInterval") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long startInterval,
            @JsonProperty("Retries") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int retries) {
    }
}
