package wharf.engine.api.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of an image removal, {@code {"Untagged": "busybox:latest"}} or
 * {@code {"Deleted": "sha256:…"}}, as dockerd's {@code DeleteResponse}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DeleteItem(@JsonProperty("Deleted") String deleted, @JsonProperty("Untagged") String untagged) {

    public static DeleteItem untagged(String reference) {
        return new DeleteItem(null, reference);
    }

    public static DeleteItem deleted(String id) {
        return new DeleteItem(id, null);
    }
}
