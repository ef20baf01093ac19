package wharf.graph.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wharf.engine.api.Cancellation;
import wharf.engine.api.Job;
import wharf.engine.api.JobIO;
import wharf.engine.api.JobType;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.SystemError;
import wharf.engine.api.event.Event;
import wharf.engine.api.image.AuthConfig;
import wharf.engine.api.image.AuthResult;
import wharf.engine.api.image.ImageJobs;
import wharf.engine.api.image.Progress;
import wharf.engine.api.image.PullImage;
import wharf.engine.api.image.PushImage;
import wharf.engine.api.image.PushResult;
import wharf.engine.api.image.Reference;
import wharf.engine.api.image.SearchImages;
import wharf.graph.internal.registry.RecordingProgress;
import wharf.testing.LocalRegistry;
import wharf.testing.engine.RecordingBus;
import wharf.testing.engine.Jobs;

/**
 * The pull, push, auth and search jobs on the real store against Debian's docker-registry: what
 * a push sends and records, what a pull brings back and how the store keeps it, across a
 * restart of the store too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RegistryJobsTest {
    @TempDir
    static Path tmp;

    private LocalRegistry registry;
    private final RecordingBus bus = new RecordingBus();
    private ImageStore store;
    private Registries registries;

    @BeforeAll
    void startRegistry() throws Exception {
        registry = LocalRegistry.plain(tmp.resolve("registry"));
    }

    @AfterAll
    void stopRegistry() throws Exception {
        registry.close();
    }

    @BeforeEach
    void open() throws IOException {
        bus.events().clear();
        reopen(tmp.resolve("store-" + System.nanoTime()));
    }

    @AfterEach
    void close() {
        registries.close();
    }

    private void reopen(Path root) throws IOException {
        if (registries != null) {
            registries.close();
        }
        store = new ImageStore(root, bus);
        registries = new Registries(store, List.of(), "wharf-test");
    }

    @Test
    void aLoadedImagePushedRemovedAndPulledBackHasItsIdAgain() throws Exception {
        byte[] busybox = TestTars.busyboxLayer();
        byte[] top = TestTars.smallLayer("roundtrip");
        String id = load(name("bb:1"), busybox, top);

        RecordingProgress pushed = push("bb", "1");
        List<Object> auxes = pushed.auxes();
        assertEquals(1, auxes.size(), pushed.events()::toString);
        PushResult result = (PushResult) auxes.get(0);
        assertEquals(List.of("The push refers to repository [" + registry.domain() + "/bb]",
                "1: digest: " + result.digest() + " size: " + result.size()), pushed.messages());
        // the registry serves that manifest, naming the gzip blobs the store now keeps beside the tars
        byte[] manifest = manifest("bb", "1");
        assertEquals(result.digest(), Digests.of(manifest));
        for (String chainId : store.image(id).chainIds()) {
            Layer layer = store.layers().get(chainId);
            assertEquals("none", layer.compression());
            assertNotNull(layer.gzipBlob());
            assertTrue(new String(manifest).contains(layer.gzipBlob()), layer::toString);
        }
        assertTrue(store.references(id).contains(Reference.parse(name("bb@" + result.digest()))));
        Event event = last("push");
        assertEquals(name("bb:1"), event.actorId());
        assertEquals(Map.of("k", "v", "name", name("bb")), event.attributes());

        store.delete(id);
        assertNull(store.image(id));
        RecordingProgress pulled = pull("bb", "1");
        assertEquals(List.of("Pulling from bb"), pulled.texts("1"));
        assertEquals(List.of("Digest: " + result.digest(), "Status: Downloaded newer image for " + name("bb:1")),
                pulled.messages());
        Image image = store.lookup(name("bb:1"));
        assertEquals(id, image.id());
        assertTrue(store.references(id).contains(Reference.parse(name("bb@" + result.digest()))));
        for (String chainId : image.chainIds()) {
            Layer layer = store.layers().get(chainId);
            assertEquals("gzip", layer.compression(), "a pulled layer keeps the blob as the registry served it");
            assertTrue(pulled.has(Digests.shortId(layer.blob()), "Pull complete"), pulled.events()::toString);
        }
        assertEquals(name("bb:1"), last("pull").actorId());
        assertStagingEmpty();

        RecordingProgress again = pull("bb", "1");
        assertEquals("Status: Image is up to date for " + name("bb:1"), again.messages().get(1));
    }

    @Test
    void whatAPullKeepsSurvivesAStoreRestartAndPushesAsItCame() throws Exception {
        String id = load(name("keep:1"), TestTars.smallLayer("keep"));
        String digest = ((PushResult) push("keep", "1").auxes().get(0)).digest();
        store.delete(id);
        pull("keep", "1");
        Path root = store.root();

        reopen(root);
        Image image = store.lookup(name("keep:1"));
        assertEquals(id, image.id());
        assertTrue(store.blobs().has(Digests.of(manifest("keep", "1"))), "the pulled manifest outlives the restart");
        assertEquals(image.id(), store.lookup(name("keep@" + digest)).id());

        RecordingProgress again = push("keep", "1");
        Layer layer = store.layers().get(image.chainIds().get(0));
        assertEquals(List.of("Preparing", "Layer already exists"), again.texts(Digests.shortId(layer.diffId())));
        assertEquals(digest, ((PushResult) again.auxes().get(0)).digest(), "the same bytes, so the same manifest");
    }

    @Test
    void aGzipMadeForAPushIsKeptAcrossARestart() throws Exception {
        String id = load(name("gz:1"), TestTars.smallLayer("gz"));
        String digest = ((PushResult) push("gz", "1").auxes().get(0)).digest();
        String gzip = store.layers().get(store.image(id).chainIds().get(0)).gzipBlob();

        reopen(store.root());
        assertEquals(gzip, store.layers().get(store.image(id).chainIds().get(0)).gzipBlob());
        assertTrue(store.blobs().has(gzip));
        assertEquals(digest, ((PushResult) push("gz", "1").auxes().get(0)).digest());

        store.delete(id);
        assertFalse(store.blobs().has(gzip), "the gzip goes with its layer");
    }

    @Test
    void pushWithoutATagPushesEveryTagOfTheRepository() throws Exception {
        String a = load(name("all:a"), TestTars.smallLayer("all-a"));
        String b = load(name("all:b"), TestTars.smallLayer("all-b"));
        RecordingProgress progress = push("all", "");
        assertEquals(List.of("a", "b"), progress.auxes().stream().map(x -> ((PushResult) x).tag()).toList());
        assertEquals(a, store.lookup(name("all@" + ((PushResult) progress.auxes().get(0)).digest())).id());
        assertEquals(b, store.lookup(name("all@" + ((PushResult) progress.auxes().get(1)).digest())).id());
    }

    @Test
    void pushingWhatTheStoreDoesNotHaveFailsAfterNamingTheRepository() throws Exception {
        RecordingProgress none = new RecordingProgress();
        NotFoundError missing = assertThrows(NotFoundError.class, () -> run(ImageJobs.PUSH,
                new PushImage(name("none"), "1", AuthConfig.ANONYMOUS, none)));
        assertEquals("An image does not exist locally with the tag: " + name("none"), missing.getMessage());
        assertEquals(List.of("The push refers to repository [" + name("none") + "]"), none.messages());

        load(name("some:1"), TestTars.smallLayer("some"));
        NotFoundError tag = assertThrows(NotFoundError.class, () -> run(ImageJobs.PUSH,
                new PushImage(name("some"), "2", AuthConfig.ANONYMOUS, new RecordingProgress())));
        assertEquals("tag does not exist: " + name("some:2"), tag.getMessage());
    }

    @Test
    void aMissingTagIsNotFoundAndLeavesNothing() throws Exception {
        RecordingProgress progress = new RecordingProgress();
        NotFoundError e = assertThrows(NotFoundError.class, () -> run(ImageJobs.PULL,
                new PullImage(name("nope"), "1", "", AuthConfig.ANONYMOUS, progress)));
        assertEquals("manifest for " + name("nope:1") + " not found: manifest unknown: manifest unknown",
                e.getMessage());
        assertEquals(List.of(), progress.events());
        assertTrue(bus.events().isEmpty());
        assertStagingEmpty();
    }

    @Test
    void aCorruptLayerLeavesNoImageAndNoTemporaryFile() throws Exception {
        String id = load(name("bad:1"), TestTars.smallLayer("bad"));
        push("bad", "1");
        String blob = store.layers().get(store.image(id).chainIds().get(0)).gzipBlob();
        Path data = registry.blobData(blob);
        byte[] bytes = Files.readAllBytes(data);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(data, bytes);
        reopen(tmp.resolve("empty-" + System.nanoTime()));

        SystemError e = assertThrows(SystemError.class, () -> pull("bad", "1"));
        assertEquals("filesystem layer verification failed for digest " + blob, e.getMessage());
        assertTrue(store.images().isEmpty());
        assertFalse(store.blobs().has(blob));
        assertStagingEmpty();
    }

    @Test
    void authAndSearchAskTheRegistry() throws Exception {
        assertEquals(new AuthResult("", "Login Succeeded"), run(ImageJobs.AUTH,
                new AuthConfig("user", "pass", null, null, registry.domain(), null, null)));
        SystemError search = assertThrows(SystemError.class, () -> run(ImageJobs.SEARCH,
                new SearchImages(name("bb"), 0, null, AuthConfig.ANONYMOUS)));
        assertEquals("Unexpected status code 404", search.getMessage());
    }

    @Test
    void theInsecureRegistriesPropertyIsAList() {
        assertEquals(List.of(), Registries.insecureRegistries(null));
        assertEquals(List.of(), Registries.insecureRegistries(""));
        assertEquals(List.of("reg.example:5000", "10.0.0.0/8"), Registries.insecureRegistries(" reg.example:5000,,10.0.0.0/8 "));
    }

    // ---- helpers --------------------------------------------------------------------------------

    private String name(String rest) {
        return registry.domain() + "/" + rest;
    }

    /** Loads a docker-archive of the layers (kept uncompressed, as loads keep them) under the tag. */
    private String load(String tag, byte[]... layers) throws IOException {
        byte[] config = TestTars.config("2026-01-01T00:00:00Z", layers);
        new ArchiveLoader(store).load(new ByteArrayInputStream(TestTars.dockerArchive(config, List.of(tag), layers)),
                true, Progress.NONE);
        return Digests.of(config);
    }

    private RecordingProgress push(String repository, String tag) throws Exception {
        RecordingProgress progress = new RecordingProgress();
        run(ImageJobs.PUSH, new PushImage(name(repository), tag, AuthConfig.ANONYMOUS, progress));
        return progress;
    }

    private RecordingProgress pull(String repository, String tag) throws Exception {
        RecordingProgress progress = new RecordingProgress();
        run(ImageJobs.PULL, new PullImage(name(repository), tag, "", AuthConfig.ANONYMOUS, progress));
        return progress;
    }

    /** Runs a job on the handler graph.bundle registers for it. */
    @SuppressWarnings("unchecked")
    private <I, O> O run(JobType<I, O> type, I input) throws Exception {
        Job<I> job = Jobs.of(type, input, JobIO.of(new Cancellation()));
        Object out = switch (type.name()) {
            case "pull" -> new PullJob(store, registries).handle((Job<PullImage>) job);
            case "push" -> new PushJob(store, registries).handle((Job<PushImage>) job);
            case "auth" -> new AuthJob(registries).handle((Job<AuthConfig>) job);
            case "search" -> new SearchJob(registries).handle((Job<SearchImages>) job);
            default -> throw new IllegalArgumentException(type.name());
        };
        return (O) out;
    }

    private byte[] manifest(String repository, String tag) throws Exception {
        HttpResponse<byte[]> served = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(registry.uri("/v2/" + repository + "/manifests/" + tag))
                        .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, served.statusCode());
        return served.body();
    }

    private Event last(String action) {
        List<Event> matching = bus.events().stream().filter(e -> e.action().equals(action)).toList();
        assertFalse(matching.isEmpty(), () -> "no " + action + " event in " + bus.events());
        return matching.get(matching.size() - 1);
    }

    private void assertStagingEmpty() throws IOException {
        try (Stream<Path> files = Files.list(store.root().resolve("tmp"))) {
            assertEquals(List.of(), files.toList());
        }
    }
}
