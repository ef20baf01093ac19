package wharf.engine.api.image;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** The answer of {@code image_delete}, in order; serialises as the bare JSON array dockerd sends. */
public record DeleteItems(@JsonValue List<DeleteItem> items) {
    public DeleteItems {
        items = List.copyOf(items);
    }
}
