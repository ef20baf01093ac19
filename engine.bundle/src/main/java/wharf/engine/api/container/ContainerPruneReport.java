package wharf.engine.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code POST /containers/prune}: the IDs removed, null when none were (as dockerd
 * writes it), and the bytes their writable layers held.
 */
public record ContainerPruneReport(@JsonProperty("ContainersDeleted") List<String> containersDeleted,
        @JsonProperty("SpaceReclaimed") long spaceReclaimed) {
}
