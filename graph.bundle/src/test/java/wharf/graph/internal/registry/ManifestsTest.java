package wharf.graph.internal.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.SystemError;

class ManifestsTest {

    /** The manifest dockerd 20.10 pushed for a one-layer busybox image (captured from the registry). */
    @Test
    void schema2IsWrittenByteForByteAsDockerdWritesIt() throws IOException {
        byte[] dockerd;
        try (InputStream in = getClass().getResourceAsStream("/dockerd-schema2-manifest.json")) {
            dockerd = in.readAllBytes();
        }
        byte[] ours = Manifests.schema2(
                Descriptor.of(MediaTypes.DOCKER_CONFIG, 895,
                        "sha256:dc112b8f727e4ba6d6a02747b1484bccc5e310e6cde7147a360d9894b2e793dd"),
                List.of(Descriptor.of(MediaTypes.DOCKER_LAYER_GZIP, 1064365,
                        "sha256:e657feb0c9822112438315f99605d21f139dc339b52f3dd2e99109732358427e")));
        assertEquals(new String(dockerd, StandardCharsets.UTF_8), new String(ours, StandardCharsets.UTF_8));
        assertArrayEquals(dockerd, ours);
        assertEquals("sha256:61a7eb0a11484821ddf0e14f0ff773ce6d72abe519c939cba857e6cf34de1656", Digests.of(ours));
    }

    @Test
    void anEmptyLayerListIsWrittenAsGoWritesIt() {
        String json = new String(Manifests.schema2(Descriptor.of(MediaTypes.DOCKER_CONFIG, 2, "sha256:" + "a".repeat(64)),
                List.of()), StandardCharsets.UTF_8);
        assertEquals("{\n   \"schemaVersion\": 2,\n   \"mediaType\": \"" + MediaTypes.DOCKER_MANIFEST + "\",\n"
                + "   \"config\": {\n      \"mediaType\": \"" + MediaTypes.DOCKER_CONFIG + "\",\n      \"size\": 2,\n"
                + "      \"digest\": \"sha256:" + "a".repeat(64) + "\"\n   },\n   \"layers\": []\n}", json);
    }

    @Test
    void theMediaTypeComesFromTheHeaderTheDocumentOrItsShape() {
        byte[] index = "{\"schemaVersion\":2,\"manifests\":[]}".getBytes(StandardCharsets.UTF_8);
        byte[] manifest = "{\"schemaVersion\":2,\"config\":{},\"layers\":[]}".getBytes(StandardCharsets.UTF_8);
        byte[] declared = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_LIST + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] schema1 = "{\"schemaVersion\":1,\"fsLayers\":[]}".getBytes(StandardCharsets.UTF_8);
        assertEquals(MediaTypes.OCI_INDEX, Manifests.mediaType(MediaTypes.OCI_INDEX + "; charset=utf-8", manifest));
        assertEquals(MediaTypes.DOCKER_MANIFEST_LIST, Manifests.mediaType("application/json", declared));
        assertEquals(MediaTypes.OCI_INDEX, Manifests.mediaType(null, index));
        assertEquals(MediaTypes.OCI_MANIFEST, Manifests.mediaType("text/plain", manifest));
        assertEquals(MediaTypes.DOCKER_SCHEMA1_SIGNED, Manifests.mediaType(null, schema1));
    }

    @Test
    void aListIsResolvedToTheFirstEntryForThePlatform() {
        Manifests.ManifestIndex index = new Manifests.ManifestIndex(2, MediaTypes.OCI_INDEX, List.of(
                entry('1', new Platform("linux", "arm", "v6")),
                entry('2', new Platform("linux", "arm", "v7")),
                entry('3', new Platform("linux", "arm64", "v8")),
                entry('4', new Platform("linux", "amd64", null)),
                entry('5', new Platform("unknown", "unknown", null))));
        assertEquals(digest('4'), Manifests.select(index, Platform.parse("linux/amd64")).digest());
        assertEquals(digest('4'), Manifests.select(index, Platform.parse("linux/x86_64")).digest());
        assertEquals(digest('3'), Manifests.select(index, Platform.parse("linux/arm64")).digest());
        assertEquals(digest('3'), Manifests.select(index, Platform.parse("linux/aarch64/v8")).digest());
        assertEquals(digest('2'), Manifests.select(index, Platform.parse("linux/arm/7")).digest());
        assertEquals(digest('1'), Manifests.select(index, Platform.parse("linux/arm")).digest());
        NotFoundError e = assertThrows(NotFoundError.class, () -> Manifests.select(index, Platform.parse("windows/amd64")));
        assertEquals("no matching manifest for windows/amd64 in the manifest list entries", e.getMessage());
    }

    @Test
    void descriptorsMustNameSha256Digests() {
        byte[] bad = ("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"size\":1,\"digest\":\"sha256:../../etc\"},"
                + "\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
        assertThrows(SystemError.class, () -> Manifests.parseImage(bad));
        byte[] noLayers = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
        assertThrows(SystemError.class, () -> Manifests.parseImage(noLayers));
    }

    private static Descriptor entry(char c, Platform platform) {
        return new Descriptor(MediaTypes.OCI_MANIFEST, 100, digest(c), null, platform);
    }

    private static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }
}
