package wharf.graph.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.image.ImportImage;
import wharf.engine.api.image.LoadedImages;
import wharf.engine.api.image.Progress;
import wharf.testing.engine.RecordingBus;

/** load, save and import with a busybox root file system the test builds. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ArchiveTest {
    @TempDir
    Path tmp;

    private final RecordingBus bus = new RecordingBus();
    private byte[] busybox;

    @BeforeEach
    void layer() throws IOException {
        busybox = TestTars.busyboxLayer();
    }

    private ImageStore open(String name) throws IOException {
        return new ImageStore(tmp.resolve(name), bus);
    }

    /** What a load streamed, as the route would write it. */
    private static final class Recorder implements Progress {
        final List<String> lines = new ArrayList<>();

        @Override
        public void message(String id, String text) {
            lines.add("message " + id + " " + text);
        }

        @Override
        public void status(String id, String status) {
            lines.add("status " + id + " " + status);
        }

        @Override
        public void progress(String id, String status, long current, long total) {
            lines.add("progress " + id + " " + status);
        }

        @Override
        public void stream(String text) {
            lines.add("stream " + text);
        }

        @Override
        public void aux(Object aux) {
            lines.add("aux " + aux);
        }
    }

    @Test
    void loadsADockerArchive() throws IOException {
        ImageStore store = open("a");
        byte[] config = TestTars.config("2024-01-01T00:00:00Z", busybox);
        Recorder progress = new Recorder();
        LoadedImages loaded = new ArchiveLoader(store).load(
                new ByteArrayInputStream(TestTars.dockerArchive(config, List.of("bb:1"), busybox)), false, progress);
        String id = Digests.of(config);
        assertEquals(List.of("bb:1"), loaded.references());
        assertEquals(id, store.lookup("bb:1").id());
        assertTrue(progress.lines.contains("progress " + Digests.shortId(Digests.of(busybox)) + " Loading layer"), progress.lines::toString);
        assertEquals("stream Loaded image: bb:1\n", progress.lines.get(progress.lines.size() - 1));
        Path diff = store.layers().diff(Digests.of(busybox));
        assertTrue(Files.isExecutable(diff.resolve("bin/busybox")));
        assertEquals(Path.of("busybox"), Files.readSymbolicLink(diff.resolve("bin/sh")));
        assertEquals(List.of("load " + id), bus.namedActions());
    }

    @Test
    void quietLoadStillNamesWhatItLoadedAndUntaggedImagesByTheirId() throws IOException {
        ImageStore store = open("a");
        byte[] config = TestTars.config("2024-01-01T00:00:00Z", busybox);
        Recorder progress = new Recorder();
        LoadedImages loaded = new ArchiveLoader(store).load(
                new ByteArrayInputStream(TestTars.dockerArchive(config, List.of(), busybox)), true, progress);
        assertEquals(List.of(Digests.of(config)), loaded.ids());
        assertEquals(List.of("stream Loaded image ID: " + Digests.of(config) + "\n"), progress.lines);
    }

    @Test
    void loadsAnOciLayout() throws IOException {
        ImageStore store = open("a");
        byte[] config = TestTars.config("2024-01-01T00:00:00Z", busybox);
        LoadedImages loaded = new ArchiveLoader(store).load(
                new ByteArrayInputStream(TestTars.ociLayout(config, "docker.io/library/oci:2", busybox)), true, Progress.NONE);
        assertEquals(List.of("oci:2"), loaded.references());
        assertEquals(Digests.of(config), store.lookup("oci:2").id());
    }

    @Test
    void loadsAGzippedArchive() throws IOException {
        ImageStore store = open("a");
        byte[] config = TestTars.config("2024-01-01T00:00:00Z", busybox);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(TestTars.dockerArchive(config, List.of("gz:1"), busybox));
        }
        new ArchiveLoader(store).load(new ByteArrayInputStream(gz.toByteArray()), true, Progress.NONE);
        assertEquals(Digests.of(config), store.lookup("gz:1").id());
    }

    @Test
    void saveThenLoadGivesTheSameImages() throws IOException {
        ImageStore first = open("first");
        byte[] top = TestTars.smallLayer("top");
        byte[] c1 = TestTars.config("2024-01-01T00:00:00Z", busybox);
        byte[] c2 = TestTars.config("2024-02-01T00:00:00Z", busybox, top);
        ArchiveLoader loader = new ArchiveLoader(first);
        loader.load(new ByteArrayInputStream(TestTars.dockerArchive(c1, List.of("base:1"), busybox)), true, Progress.NONE);
        loader.load(new ByteArrayInputStream(TestTars.dockerArchive(c2, List.of("app:1", "app:2"), busybox, top)), true,
                Progress.NONE);

        ArchiveSaver saver = new ArchiveSaver(first);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        saver.write(saver.select(List.of("base:1", "app")), out);
        byte[] archive = out.toByteArray();

        Map<String, byte[]> files = TestTars.files(archive);
        JsonNode manifest = Json.MAPPER.readTree(files.get("manifest.json"));
        assertEquals(2, manifest.size());
        assertEquals("blobs/sha256/" + Digests.hex(Digests.of(c1)), manifest.get(0).get("Config").asText());
        assertTrue(files.containsKey("index.json") && files.containsKey("oci-layout") && files.containsKey("repositories"));
        assertEquals(busybox.length, files.get("blobs/sha256/" + Digests.hex(Digests.of(busybox))).length,
                "the layer goes out as the exact tar it came in as");
        assertEquals(3, Json.MAPPER.readTree(files.get("index.json")).get("manifests").size(), "one per tag");

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        saver.write(saver.select(List.of("base:1", "app")), again);
        assertTrue(java.util.Arrays.equals(archive, again.toByteArray()), "saving is reproducible");

        ImageStore second = open("second");
        LoadedImages loaded = new ArchiveLoader(second).load(new ByteArrayInputStream(archive), true, Progress.NONE);
        assertEquals(List.of("base:1", "app:1", "app:2"), loaded.references());
        assertEquals(Digests.of(c1), second.lookup("base:1").id());
        assertEquals(Digests.of(c2), second.lookup("app:2").id());

        // the OCI side of the same archive loads too
        byte[] ociOnly = withoutEntry(archive, "manifest.json");
        ImageStore third = open("third");
        LoadedImages oci = new ArchiveLoader(third).load(new ByteArrayInputStream(ociOnly), true, Progress.NONE);
        assertEquals(List.of("base:1", "app:1", "app:2"), oci.references());
        assertEquals(Digests.of(c2), third.lookup("app:1").id());
    }

    @Test
    void saveResolvesEveryNameBeforeWriting() throws IOException {
        ImageStore store = open("a");
        byte[] config = TestTars.config("2024-01-01T00:00:00Z", busybox);
        new ArchiveLoader(store).load(new ByteArrayInputStream(TestTars.dockerArchive(config, List.of("s:1"), busybox)),
                true, Progress.NONE);
        ArchiveSaver saver = new ArchiveSaver(store);
        assertEquals("No such image: nope:1",
                assertThrows(NotFoundError.class, () -> saver.select(List.of("s:1", "nope:1"))).getMessage());
        ByteArrayOutputStream byId = new ByteArrayOutputStream();
        saver.write(saver.select(List.of(Digests.of(config))), byId);
        JsonNode manifest = Json.MAPPER.readTree(TestTars.files(byId.toByteArray()).get("manifest.json"));
        assertTrue(manifest.get(0).get("RepoTags").isNull(), "an image saved by ID carries no tag");
    }

    @Test
    void aManifestNamingAMissingLayerLeavesNothing() throws IOException {
        ImageStore store = open("a");
        byte[] config = TestTars.config("2024-01-01T00:00:00Z", busybox);
        byte[] archive = withoutEntry(TestTars.dockerArchive(config, List.of("bad:1"), busybox), "layer0/layer.tar");
        InvalidParameterError e = assertThrows(InvalidParameterError.class,
                () -> new ArchiveLoader(store).load(new ByteArrayInputStream(archive), true, Progress.NONE));
        assertEquals("invalid image archive: layer0/layer.tar is missing", e.getMessage());
        assertNothingLeft(store);
    }

    @Test
    void aLayerThatIsNotWhatTheConfigSaysLeavesNothing() throws IOException {
        ImageStore store = open("a");
        byte[] other = TestTars.smallLayer("other");
        byte[] config = TestTars.config("2024-01-01T00:00:00Z", busybox);
        byte[] archive = TestTars.dockerArchive(config, List.of("bad:1"), other);
        InvalidParameterError e = assertThrows(InvalidParameterError.class,
                () -> new ArchiveLoader(store).load(new ByteArrayInputStream(archive), true, Progress.NONE));
        assertTrue(e.getMessage().startsWith("invalid diffID for layer 0: expected \"" + Digests.of(busybox)), e.getMessage());
        assertNothingLeft(store);
    }

    @Test
    void aTruncatedArchiveLeavesNothing() throws IOException {
        ImageStore store = open("a");
        byte[] config = TestTars.config("2024-01-01T00:00:00Z", busybox);
        byte[] archive = TestTars.dockerArchive(config, List.of("cut:1"), busybox);
        byte[] cut = java.util.Arrays.copyOf(archive, archive.length / 2);
        assertThrows(InvalidParameterError.class,
                () -> new ArchiveLoader(store).load(new ByteArrayInputStream(cut), true, Progress.NONE));
        assertNothingLeft(store);
    }

    @Test
    void aLayerWithAnEscapingEntryIsRefusedAndLeavesNothing() throws IOException {
        ImageStore store = open("a");
        byte[] evil = new TestTars().symlink("x", "../../../etc").bytes();
        byte[] config = TestTars.config("2024-01-01T00:00:00Z", evil);
        InvalidParameterError e = assertThrows(InvalidParameterError.class, () -> new ArchiveLoader(store).load(
                new ByteArrayInputStream(TestTars.dockerArchive(config, List.of("evil:1"), evil)), true, Progress.NONE));
        assertEquals("invalid symlink \"x\" -> \"../../../etc\"", e.getMessage());
        assertNothingLeft(store);
    }

    @Test
    void anOciBlobThatDoesNotMatchItsDigestIsRefused() throws IOException {
        ImageStore store = open("a");
        byte[] config = TestTars.config("2024-01-01T00:00:00Z", busybox);
        byte[] layout = TestTars.ociLayout(config, "docker.io/library/x:1", busybox);
        String configPath = "blobs/sha256/" + Digests.hex(Digests.of(config));
        byte[] tampered = replaceEntry(layout, configPath, TestTars.config("2024-01-01T00:00:01Z", busybox));
        InvalidParameterError e = assertThrows(InvalidParameterError.class,
                () -> new ArchiveLoader(store).load(new ByteArrayInputStream(tampered), true, Progress.NONE));
        assertTrue(e.getMessage().contains("does not match its digest"), e.getMessage());
        assertNothingLeft(store);
    }

    @Test
    void importMakesAOneLayerImageWithTheChanges() throws Exception {
        ImageStore store = open("a");
        Recorder progress = new Recorder();
        String id = new Importer(store).importImage(new ImportImage("-", "imp:1", "", "",
                List.of("ENV A=b", "CMD [\"sh\"]", "WORKDIR /srv", "EXPOSE 80", "LABEL x=y"), "", progress),
                new ByteArrayInputStream(busybox));
        assertEquals(List.of("message null " + id), progress.lines);
        Image image = store.lookup("imp:1");
        assertEquals(id, image.id());
        assertEquals(List.of(Digests.of(busybox)), image.config().diffIds());
        var c = image.config().config();
        assertEquals(List.of("A=b"), c.env());
        assertEquals(List.of("sh"), c.cmd());
        assertEquals("/srv", c.workingDir());
        assertEquals(Map.of("80/tcp", Map.of()), c.exposedPorts());
        assertEquals(Map.of("x", "y"), c.labels());
        assertEquals("Imported from -", new ImageViews(store).inspect(id).comment());
        assertEquals("Imported from -", new ImageViews(store).history("imp:1").get(0).comment());
        assertEquals(id, new ImageViews(store).history("imp:1").get(0).id());
        assertEquals(List.of("tag imp:1", "import " + id), bus.namedActions());

        assertEquals("cmd2 is not a valid change command", assertThrows(InvalidParameterError.class,
                () -> new Importer(store).importImage(new ImportImage("-", "", "", "", List.of("CMD2 x"), "", Progress.NONE),
                        new ByteArrayInputStream(busybox))).getMessage());
    }

    @Test
    void importsFromAUrl() throws Exception {
        ImageStore store = open("a");
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/rootfs.tar", exchange -> {
            exchange.sendResponseHeaders(200, busybox.length);
            try (var body = exchange.getResponseBody()) {
                body.write(busybox);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/rootfs.tar";
            Recorder progress = new Recorder();
            String id = new Importer(store).importImage(new ImportImage(url, "web", "1", "", List.of(), "", progress),
                    InputStream.nullInputStream());
            assertEquals(id, store.lookup("web:1").id());
            assertEquals("Imported from " + url, store.lookup("web:1").config().comment());
            assertTrue(progress.lines.contains("progress  Importing"), progress.lines::toString);

            NotFoundError missing = assertThrows(NotFoundError.class, () -> new Importer(store).importImage(
                    new ImportImage(url.replace("rootfs", "missing"), "", "", "", List.of(), "", Progress.NONE), InputStream.nullInputStream()));
            assertTrue(missing.getMessage().endsWith(": 404"), missing.getMessage());
        } finally {
            server.stop(0);
        }
    }

    private static void assertNothingLeft(ImageStore store) throws IOException {
        assertEquals(0, store.images().size());
        assertEquals(0, store.layers().all().size());
        assertEquals(0, store.blobs().digests().size());
        try (Stream<Path> files = Files.list(store.root().resolve("tmp"))) {
            assertEquals(0, files.count(), "no temporary file is left");
        }
        try (Stream<Path> files = Files.list(store.root().resolve("layers"))) {
            assertEquals(0, files.count());
        }
        assertFalse(Files.exists(store.root().resolve("index.json")) && store.snapshot().references().size() > 0);
    }

    private static byte[] withoutEntry(byte[] tar, String name) throws IOException {
        return replaceEntry(tar, name, null);
    }

    private static byte[] replaceEntry(byte[] tar, String name, byte[] content) throws IOException {
        TestTars out = new TestTars();
        for (Map.Entry<String, byte[]> e : TestTars.files(tar).entrySet()) {
            if (!e.getKey().equals(name)) {
                out.file(e.getKey(), e.getValue(), 0644);
            } else if (content != null) {
                out.file(e.getKey(), content, 0644);
            }
        }
        return out.bytes();
    }
}
