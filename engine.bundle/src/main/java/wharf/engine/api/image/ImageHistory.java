package wharf.engine.api.image;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** The answer of {@code image_history}; serialises as the bare JSON array dockerd sends. */
public record ImageHistory(@JsonValue List<HistoryItem> items) {
    public ImageHistory {
        items = List.copyOf(items);
    }
}
