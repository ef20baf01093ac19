package wharf.engine.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code GET /containers/{name}/changes}: a path of the container's filesystem and
 * how it differs from the image's.
 *
 * @param kind {@link #MODIFIED}, {@link #ADDED} or {@link #DELETED}, as dockerd numbers them
 */
public record ContainerChange(@JsonProperty("Path") String path, @JsonProperty("Kind") int kind) {
    public static final int MODIFIED = 0;
    public static final int ADDED = 1;
    public static final int DELETED = 2;
}
