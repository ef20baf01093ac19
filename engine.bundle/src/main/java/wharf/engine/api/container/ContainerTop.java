package wharf.engine.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer of {@code GET /containers/{name}/top}: ps's column titles and the container's rows. */
public record ContainerTop(@JsonProperty("Processes") List<List<String>> processes,
        @JsonProperty("Titles") List<String> titles) {
    public ContainerTop {
        processes = List.copyOf(processes);
        titles = List.copyOf(titles);
    }
}
