package wharf.graph.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.util.List;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.image.ContainerConfig;

/**
 * An image's config file (the OCI image config, with Docker's extra fields), the part the store
 * reads. The image's ID is the digest of the file's exact bytes, so the store keeps those and
 * uses this record only to read from, or to write a new config (import), in Go's field order.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"architecture", "comment", "config", "container", "container_config", "created",
    "docker_version", "author", "history", "os", "os.version", "variant", "rootfs"})
record ImageConfig(
        @JsonProperty("architecture") String architecture,
        @JsonProperty("comment") String comment,
        @JsonProperty("config") ContainerConfig config,
        @JsonProperty("container") String container,
        @JsonProperty("container_config") ContainerConfig containerConfig,
        @JsonProperty("created") String created,
        @JsonProperty("docker_version") String dockerVersion,
        @JsonProperty("author") String author,
        @JsonProperty("history") List<History> history,
        @JsonProperty("os") String os,
        @JsonProperty("os.version") String osVersion,
        @JsonProperty("variant") String variant,
        @JsonProperty("rootfs") RootFs rootfs) {

    /** One step of how the image was made; {@code empty_layer} steps added no layer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonPropertyOrder({"created", "created_by", "author", "comment", "empty_layer"})
    record History(
            @JsonProperty("created") String created,
            @JsonProperty("created_by") String createdBy,
            @JsonProperty("author") String author,
            @JsonProperty("comment") String comment,
            @JsonProperty("empty_layer") boolean emptyLayer) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RootFs(@JsonProperty("type") String type, @JsonProperty("diff_ids") List<String> diffIds) {
    }

    /** The layers by diff ID, bottom first; empty for an image without layers. */
    List<String> diffIds() {
        return rootfs == null || rootfs.diffIds() == null ? List.of() : rootfs.diffIds();
    }

    List<History> historyOrEmpty() {
        return history == null ? List.of() : history;
    }

    /**
     * Parses and checks a config as dockerd does before it accepts an image: JSON, a rootfs of
     * type {@code layers} with well-formed diff IDs.
     */
    static ImageConfig parse(byte[] bytes) {
        ImageConfig c;
        try {
            c = Json.MAPPER.readValue(bytes, ImageConfig.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InvalidParameterError("invalid image config: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidParameterError("invalid image config: " + e.getMessage(), e);
        }
        if (c == null || c.rootfs() == null) {
            throw new InvalidParameterError("invalid image config: no rootfs");
        }
        if (!"layers".equals(c.rootfs().type())) {
            throw new InvalidParameterError("invalid image config: rootfs type " + c.rootfs().type() + " is not supported");
        }
        for (String diffId : c.diffIds()) {
            if (!Digests.valid(diffId)) {
                throw new InvalidParameterError("invalid image config: diff ID " + diffId + " is not a sha256 digest");
            }
        }
        return c;
    }
}
