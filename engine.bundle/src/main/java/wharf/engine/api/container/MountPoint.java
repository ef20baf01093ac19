package wharf.engine.api.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A mount as inspect and the container list show it ({@code types.MountPoint}). */
public record MountPoint(
        @JsonProperty("Type") String type,
        @JsonProperty("Name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String name,
        @JsonProperty("Source") String source,
        @JsonProperty("Destination") String destination,
        @JsonProperty("Driver") @JsonInclude(JsonInclude.Include.NON_EMPTY) String driver,
        @JsonProperty("Mode") String mode,
        @JsonProperty("RW") boolean rw,
        @JsonProperty("Propagation") String propagation) {
}
