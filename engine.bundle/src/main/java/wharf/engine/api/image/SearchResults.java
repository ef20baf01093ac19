package wharf.engine.api.image;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** The answer of {@code search}; serialises as the bare JSON array dockerd sends. */
public record SearchResults(@JsonValue List<SearchResult> results) {
    public SearchResults {
        results = List.copyOf(results);
    }
}
