package wharf.graph.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code image/index.json}: which images the store holds and what names point at them. It is
 * written last, after the blobs and layers it refers to, and replaced whole, so what it lists is
 * always complete.
 *
 * @param images     by ID
 * @param references full references ({@code docker.io/library/busybox:latest},
 *                   {@code 127.0.0.1:5000/bb@sha256:…}) to image IDs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record IndexFile(Map<String, Entry> images, Map<String, String> references) {

    IndexFile {
        images = images == null ? Map.of() : images;
        references = references == null ? Map.of() : references;
    }

    /**
     * One image's local facts.
     *
     * @param parent      the local parent image's ID, or empty
     * @param lastTagTime when it was last tagged, RFC 3339
     * @param manifests   digests of the manifests it was pulled or pushed with, kept in the blob store
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Entry(String parent, String lastTagTime, List<String> manifests) {
        Entry {
            manifests = manifests == null ? List.of() : List.copyOf(manifests);
        }
    }
}
