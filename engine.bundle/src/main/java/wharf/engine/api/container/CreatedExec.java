package wharf.engine.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code {"Id":"…"}}. */
public record CreatedExec(@JsonProperty("Id") String id) {
}
