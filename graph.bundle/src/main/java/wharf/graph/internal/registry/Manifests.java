package wharf.graph.internal.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.SystemError;

/**
 * Reading image manifests and manifest lists (Docker schema 2 and OCI), picking a platform's
 * manifest from a list, and writing the schema 2 manifest a push sends.
 */
public final class Manifests {
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * Go's {@code json.MarshalIndent(m, "", "   ")}, which distribution uses for schema 2: three
     * spaces, {@code "key": value}, {@code []} for an empty list. Matching it byte for byte gives
     * an image the manifest digest dockerd would give it.
     */
    private static final ObjectMapper GO_INDENTED = new ObjectMapper()
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private Manifests() {
    }

    /** An image manifest: its config and its layers, bottom first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"schemaVersion", "mediaType", "config", "layers"})
    public record ImageManifest(
            @JsonProperty("schemaVersion") int schemaVersion,
            @JsonProperty("mediaType") String mediaType,
            @JsonProperty("config") Descriptor config,
            @JsonProperty("layers") List<Descriptor> layers) {
    }

    /** A manifest list or OCI index: one manifest per platform. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"schemaVersion", "mediaType", "manifests"})
    public record ManifestIndex(
            @JsonProperty("schemaVersion") int schemaVersion,
            @JsonProperty("mediaType") String mediaType,
            @JsonProperty("manifests") List<Descriptor> manifests) {
    }

    /**
     * The media type of a fetched manifest: the response's Content-Type when it names a manifest
     * type, else the document's own {@code mediaType}, else its shape (an OCI document may carry
     * neither, and some registries answer {@code application/json}).
     */
    public static String mediaType(String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim();
        if (MediaTypes.IMAGE_MANIFESTS.contains(type) || MediaTypes.INDEXES.contains(type)
                || MediaTypes.SCHEMA1.contains(type)) {
            return type;
        }
        JsonNode doc = tree(body, "manifest");
        String declared = doc.path("mediaType").asText("");
        if (!declared.isEmpty()) {
            return declared;
        }
        if (doc.path("schemaVersion").asInt() == 1) {
            return MediaTypes.DOCKER_SCHEMA1_SIGNED;
        }
        return doc.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }

    public static ImageManifest parseImage(byte[] body) {
        ImageManifest m = read(body, ImageManifest.class);
        if (m.config() == null || m.layers() == null) {
            throw new SystemError("invalid image manifest: it names no config or no layers");
        }
        m.layers().forEach(Manifests::checkDescriptor);
        checkDescriptor(m.config());
        return m;
    }

    public static ManifestIndex parseIndex(byte[] body) {
        ManifestIndex index = read(body, ManifestIndex.class);
        if (index.manifests() == null) {
            throw new SystemError("invalid manifest list: it names no manifests");
        }
        index.manifests().forEach(Manifests::checkDescriptor);
        return index;
    }

    /**
     * The first image manifest of the list that runs on {@code platform}.
     *
     * @throws NotFoundError with dockerd's message when none does
     */
    public static Descriptor select(ManifestIndex index, Platform platform) {
        return index.manifests().stream()
                .filter(d -> MediaTypes.IMAGE_MANIFESTS.contains(d.mediaType()) || d.mediaType() == null)
                .filter(d -> platform.matches(d.platform()))
                .findFirst()
                .orElseThrow(() -> new NotFoundError(
                        "no matching manifest for " + platform + " in the manifest list entries"));
    }

    /** The schema 2 manifest of an image, in the bytes dockerd would push. */
    public static byte[] schema2(Descriptor config, List<Descriptor> layers) {
        return goIndented(new ImageManifest(2, MediaTypes.DOCKER_MANIFEST, config, layers));
    }

    /** Any document in Go's indented form (tests write manifest lists with it too). */
    static byte[] goIndented(Object document) {
        try {
            return GO_INDENTED.writer(goPrettyPrinter()).writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A manifest or config as a JSON tree; {@code what} names it in the error. */
    static JsonNode tree(byte[] body, String what) {
        try {
            JsonNode doc = JSON.readTree(body);
            if (doc == null || !doc.isObject()) {
                throw new SystemError("invalid " + what + ": not a JSON object");
            }
            return doc;
        } catch (IOException e) {
            throw new SystemError("invalid " + what + ": " + e.getMessage(), e);
        }
    }

    private static <T> T read(byte[] body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw new SystemError("invalid manifest: " + e.getMessage(), e);
        }
    }

    /** A digest goes into URLs and file names later: refuse anything but sha256 now. */
    private static void checkDescriptor(Descriptor d) {
        if (d == null || !Digests.isSha256(d.digest()) || d.size() < 0) {
            throw new SystemError("invalid manifest: bad descriptor " + d);
        }
    }

    /** Jackson's pretty printer set up as Go's MarshalIndent with a three-space indent. */
    private static DefaultPrettyPrinter goPrettyPrinter() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""));
        DefaultIndenter indenter = new DefaultIndenter("   ", "\n");
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }
}
