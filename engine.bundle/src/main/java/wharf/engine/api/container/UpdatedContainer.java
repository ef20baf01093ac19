package wharf.engine.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer to update: warnings, null when there are none (as dockerd writes {@code {"Warnings":null}}). */
public record UpdatedContainer(@JsonProperty("Warnings") List<String> warnings) {
}
