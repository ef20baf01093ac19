package wharf.engine.api.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of {@code GET /images/{name}/history}, newest first, as dockerd's
 * {@code HistoryResponseItem}: {@code Id} is {@code <missing>} for entries that are not a local
 * image, {@code Created} in unix seconds, {@code Tags} null when none.
 */
public record HistoryItem(
        @JsonProperty("Comment") String comment,
        @JsonProperty("Created") long created,
        @JsonProperty("CreatedBy") String createdBy,
        @JsonProperty("Id") String id,
        @JsonProperty("Size") long size,
        @JsonProperty("Tags") List<String> tags) {
}
