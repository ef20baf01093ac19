package wharf.engine.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer to create: the new container's ID and warnings (an empty list when there are none). */
public record CreatedContainer(@JsonProperty("Id") String id, @JsonProperty("Warnings") List<String> warnings) {
}
