package wharf.engine.api.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code POST /images/prune}: what was untagged and deleted, null when nothing
 * was (as dockerd writes it), and the bytes freed.
 */
public record PruneReport(@JsonProperty("ImagesDeleted") List<DeleteItem> imagesDeleted,
        @JsonProperty("SpaceReclaimed") long spaceReclaimed) {
}
