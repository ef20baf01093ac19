package wharf.engine.api.image;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** The answer of the {@code images} job; serialises as the bare JSON array dockerd sends. */
public record ImageSummaries(@JsonValue List<ImageSummary> images) {
    public ImageSummaries {
        images = List.copyOf(images);
    }
}
