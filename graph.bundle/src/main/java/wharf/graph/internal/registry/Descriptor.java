package wharf.graph.internal.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A content descriptor: what a manifest says about a blob or a child manifest. The property
 * order is distribution's ({@code mediaType}, {@code size}, {@code digest}), so a manifest this
 * client writes has the bytes, and the digest, dockerd's would.
 *
 * {@code size} is always written: Jackson's NON_EMPTY leaves primitives alone.
 *
 * @param platform only on the entries of a manifest list or index
 * @param urls     where a foreign layer lives outside the registry
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"mediaType", "size", "digest", "urls", "platform"})
public record Descriptor(
        @JsonProperty("mediaType") String mediaType,
        @JsonProperty("size") long size,
        @JsonProperty("digest") String digest,
        @JsonProperty("urls") List<String> urls,
        @JsonProperty("platform") Platform platform) {

    public static Descriptor of(String mediaType, long size, String digest) {
        return new Descriptor(mediaType, size, digest, null, null);
    }
}
