package wharf.engine.api.container;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** A container's changes, sorted by path; written as JSON {@code null} when there are none, as dockerd does. */
public record ContainerChanges(List<ContainerChange> changes) {
    public ContainerChanges {
        changes = List.copyOf(changes);
    }

    @JsonValue
    List<ContainerChange> json() {
        return changes.isEmpty() ? null : changes;
    }
}
