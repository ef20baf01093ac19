package wharf.engine.api.image;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One hit of {@code GET /images/search}, as the registry's search API and dockerd name it. */
public record SearchResult(
        @JsonProperty("star_count") int starCount,
        @JsonProperty("is_official") boolean official,
        @JsonProperty("name") String name,
        @JsonProperty("is_automated") boolean automated,
        @JsonProperty("description") String description) {
}
