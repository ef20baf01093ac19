package wharf.engine.api.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code GET /images/json}, as dockerd's {@code image.Summary}: {@code Created} in
 * unix seconds, {@code Containers} and {@code SharedSize} -1 when not computed. Backends fill
 * {@code RepoTags} and {@code RepoDigests} with empty lists, never null, and leave
 * {@code VirtualSize} null (API 1.44 dropped it); routes adapt older versions with
 * {@link #forOlderApi(boolean, boolean)}.
 */
public record ImageSummary(
        @JsonProperty("Containers") long containers,
        @JsonProperty("Created") long created,
        @JsonProperty("Id") String id,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("ParentId") String parentId,
        @JsonProperty("RepoDigests") List<String> repoDigests,
        @JsonProperty("RepoTags") List<String> repoTags,
        @JsonProperty("SharedSize") long sharedSize,
        @JsonProperty("Size") long size,
        @JsonProperty("VirtualSize") @JsonInclude(JsonInclude.Include.NON_NULL) Long virtualSize) {

    /**
     * The shape older API versions get: below 1.43 an untagged, undigested image shows
     * {@code <none>:<none>} and {@code <none>@<none>}; below 1.44 {@code VirtualSize} equals
     * {@code Size}.
     */
    public ImageSummary forOlderApi(boolean noneTags, boolean virtualSize) {
        List<String> tags = repoTags;
        List<String> digests = repoDigests;
        if (noneTags && tags.isEmpty() && digests.isEmpty()) {
            tags = List.of("<none>:<none>");
            digests = List.of("<none>@<none>");
        }
        return new ImageSummary(containers, created, id, labels, parentId, digests, tags, sharedSize, size,
                virtualSize ? Long.valueOf(size) : this.virtualSize);
    }
}
