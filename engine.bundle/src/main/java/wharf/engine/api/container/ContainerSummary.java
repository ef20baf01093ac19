package wharf.engine.api.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code GET /containers/json} as dockerd's {@code container.Summary} at API 1.47.
 * {@code Names} carry the leading {@code /}; {@code Created} is in Unix seconds; {@code State} is
 * one of created, running, paused, restarting, removing, exited, dead; {@code Status} is the
 * human text ({@code Up 3 seconds}, {@code Exited (0) 2 minutes ago}).
 */
public record ContainerSummary(
        @JsonProperty("Id") String id,
        @JsonProperty("Names") List<String> names,
        @JsonProperty("Image") String image,
        @JsonProperty("ImageID") String imageId,
        @JsonProperty("Command") String command,
        @JsonProperty("Created") long created,
        @JsonProperty("Ports") List<Object> ports,
        @JsonProperty("SizeRw") @JsonInclude(JsonInclude.Include.NON_NULL) Long sizeRw,
        @JsonProperty("SizeRootFs") @JsonInclude(JsonInclude.Include.NON_NULL) Long sizeRootFs,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("State") String state,
        @JsonProperty("Status") String status,
        @JsonProperty("HostConfig") SummaryHostConfig hostConfig,
        @JsonProperty("NetworkSettings") Map<String, Object> networkSettings,
        @JsonProperty("Mounts") List<MountPoint> mounts) {

    /** {@code {"NetworkMode":"default"}}. */
    public record SummaryHostConfig(@JsonProperty("NetworkMode") String networkMode) {
    }
}
