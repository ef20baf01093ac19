package wharf.engine.api.container;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** The container list, newest first. */
public record ContainerSummaries(@JsonValue List<ContainerSummary> containers) {
}
