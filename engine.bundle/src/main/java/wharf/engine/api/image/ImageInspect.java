package wharf.engine.api.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /images/{name}/json} as dockerd's {@code ImageInspect} at API 1.47: {@code Created}
 * in RFC 3339 with nanoseconds, {@code Parent} empty for images not built locally,
 * {@code RepoTags}/{@code RepoDigests} empty lists when there are none. {@code Container} and
 * {@code ContainerConfig} come from the image config when it has them; API 1.45 stopped sending
 * them ({@link #withoutLegacyFields()}). {@code VirtualSize} is null; below 1.44 routes set it
 * with {@link #withVirtualSize()}.
 */
public record ImageInspect(
        @JsonProperty("Id") String id,
        @JsonProperty("RepoTags") List<String> repoTags,
        @JsonProperty("RepoDigests") List<String> repoDigests,
        @JsonProperty("Parent") String parent,
        @JsonProperty("Comment") String comment,
        @JsonProperty("Created") String created,
        @JsonProperty("Container") @JsonInclude(JsonInclude.Include.NON_EMPTY) String container,
        @JsonProperty("ContainerConfig") @JsonInclude(JsonInclude.Include.NON_NULL) ContainerConfig containerConfig,
        @JsonProperty("DockerVersion") String dockerVersion,
        @JsonProperty("Author") String author,
        @JsonProperty("Config") ContainerConfig config,
        @JsonProperty("Architecture") String architecture,
        @JsonProperty("Variant") @JsonInclude(JsonInclude.Include.NON_EMPTY) String variant,
        @JsonProperty("Os") String os,
        @JsonProperty("OsVersion") @JsonInclude(JsonInclude.Include.NON_EMPTY) String osVersion,
        @JsonProperty("Size") long size,
        @JsonProperty("VirtualSize") @JsonInclude(JsonInclude.Include.NON_NULL) Long virtualSize,
        @JsonProperty("GraphDriver") GraphDriver graphDriver,
        @JsonProperty("RootFS") RootFS rootFS,
        @JsonProperty("Metadata") Metadata metadata) {

    /** Below API 1.44: {@code VirtualSize} equal to {@code Size}. */
    public ImageInspect withVirtualSize() {
        return new ImageInspect(id, repoTags, repoDigests, parent, comment, created, container, containerConfig,
                dockerVersion, author, config, architecture, variant, os, osVersion, size, size, graphDriver,
                rootFS, metadata);
    }

    /** From API 1.45: without {@code Container} and {@code ContainerConfig}. */
    public ImageInspect withoutLegacyFields() {
        return new ImageInspect(id, repoTags, repoDigests, parent, comment, created, null, null, dockerVersion,
                author, config, architecture, variant, os, osVersion, size, virtualSize, graphDriver, rootFS,
                metadata);
    }

    /** The storage driver's name and its data (the layer directories). */
    public record GraphDriver(@JsonProperty("Data") java.util.Map<String, String> data,
            @JsonProperty("Name") String name) {
    }

    /** The image's layers by diff ID. */
    public record RootFS(@JsonProperty("Type") String type, @JsonProperty("Layers") List<String> layers) {
    }

    /**
     * Local facts: when the image was last tagged, RFC 3339 with nanoseconds, or Go's zero time
     * {@code 0001-01-01T00:00:00Z} when never.
     */
    public record Metadata(@JsonProperty("LastTagTime") String lastTagTime) {
    }
}
