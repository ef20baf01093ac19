package wharf.graph.internal.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wharf.engine.api.Cancellation;
import wharf.engine.api.CancelledError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.SystemError;
import wharf.engine.api.image.AuthConfig;
import wharf.engine.api.image.AuthResult;
import wharf.engine.api.image.PushResult;
import wharf.engine.api.image.Reference;
import wharf.testing.LocalRegistry;

/** Push and pull against a real registry without authentication. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlainRegistryTest {
    @TempDir
    static Path tmp;

    private LocalRegistry registry;
    private RegistryClient client;

    @BeforeAll
    void start() throws Exception {
        registry = LocalRegistry.plain(tmp.resolve("registry"));
        client = new RegistryClient(RegistryClient.Config.defaults(List.of()));
    }

    @AfterAll
    void stop() throws Exception {
        client.close();
        registry.close();
    }

    @Test
    void pushThenPullGivesTheSameImage() throws Exception {
        FileBlobStore source = new FileBlobStore(tmp.resolve("push-src"));
        TestImages.Image image = TestImages.build(source, "1", "amd64", 1, "roundtrip");
        Reference repo = ref("bb");

        RecordingProgress pushed = new RecordingProgress();
        List<PushResult> results = client.push(repo, List.of(image.content()), AuthConfig.ANONYMOUS, source, pushed,
                new Cancellation());
        byte[] manifest = Manifests.schema2(image.content().config(),
                image.content().layers().stream().map(PushLayer::blob).toList());
        String digest = Digests.of(manifest);
        assertEquals(List.of(new PushResult("1", digest, manifest.length)), results);
        assertEquals(List.of("The push refers to repository [" + registry.domain() + "/bb]",
                "1: digest: " + digest + " size: " + manifest.length), pushed.messages());
        assertEquals(List.of(new PushResult("1", digest, manifest.length)), pushed.auxes());
        for (PushLayer layer : image.content().layers()) {
            String id = Digests.shortId(layer.diffId());
            List<String> texts = pushed.texts(id);
            assertEquals("Preparing", texts.get(0), texts.toString());
            assertEquals("Pushed", texts.get(texts.size() - 1), texts.toString());
            List<RecordingProgress.Event> pushing = pushed.progressOf(id, "Pushing");
            assertFalse(pushing.isEmpty(), texts.toString());
            assertEquals(layer.blob().size(), pushing.get(pushing.size() - 1).current());
            assertEquals(layer.blob().size(), pushing.get(0).total());
        }
        // the registry serves exactly the manifest written, under the tag
        HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(registry.uri("/v2/bb/manifests/1"))
                .header("Accept", MediaTypes.DOCKER_MANIFEST).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(manifest, served.body());
        assertEquals(digest, served.headers().firstValue("Docker-Content-Digest").orElseThrow());

        RecordingProgress again = new RecordingProgress();
        client.push(repo, List.of(image.content()), AuthConfig.ANONYMOUS, source, again, new Cancellation());
        for (PushLayer layer : image.content().layers()) {
            assertEquals(List.of("Preparing", "Layer already exists"), again.texts(Digests.shortId(layer.diffId())));
        }

        FileBlobStore store = new FileBlobStore(tmp.resolve("pull-dst"));
        TestPullTarget target = new TestPullTarget(store);
        RecordingProgress pulled = new RecordingProgress();
        PullResult result = client.pull(ref("bb:1"), null, AuthConfig.ANONYMOUS, target, pulled, new Cancellation());
        assertEquals(new PullResult(digest, image.configDigest(), true), result);
        assertEquals(List.of("Pulling from bb"), pulled.texts("1"));
        assertEquals(List.of("Digest: " + digest, "Status: Downloaded newer image for " + registry.domain() + "/bb:1"),
                pulled.messages());
        for (int i = 0; i < image.layerDigests().size(); i++) {
            String blob = image.layerDigests().get(i);
            List<String> texts = pulled.texts(Digests.shortId(blob));
            assertInOrder(texts, "Pulling fs layer", "Downloading", "Verifying Checksum", "Download complete",
                    "Extracting", "Pull complete");
            assertArrayEquals(source.read(blob), store.read(blob));
            assertEquals(1, store.creates(blob));
        }
        assertArrayEquals(image.config(), store.read(image.configDigest()));
        PulledImage stored = target.images.get(image.configDigest());
        assertArrayEquals(manifest, stored.manifest());
        assertEquals(digest, stored.digest());
        assertEquals(Digests.chainIds(image.diffIds()), stored.layers().stream().map(PulledLayer::chainId).toList());
        assertTrue(target.layers.containsAll(Digests.chainIds(image.diffIds())));
        assertEquals(0, store.temporaryFiles());

        RecordingProgress upToDate = new RecordingProgress();
        PullResult second = client.pull(ref("bb:1"), null, AuthConfig.ANONYMOUS, target, upToDate, new Cancellation());
        assertFalse(second.updated());
        assertEquals(List.of("Pulling from bb"), upToDate.texts("1"));
        assertEquals(List.of("Digest: " + digest, "Status: Image is up to date for " + registry.domain() + "/bb:1"),
                upToDate.messages());
        assertEquals(3, upToDate.events().size(), upToDate.events().toString());
    }

    @Test
    void pullByDigestChecksTheDigest() throws Exception {
        FileBlobStore source = new FileBlobStore(tmp.resolve("digest-src"));
        TestImages.Image image = TestImages.build(source, "d", "amd64", 1, "by-digest");
        String digest = client.push(ref("bydigest"), List.of(image.content()), AuthConfig.ANONYMOUS, source,
                new RecordingProgress(), new Cancellation()).get(0).digest();

        Reference byDigest = ref("bydigest@" + digest);
        RecordingProgress progress = new RecordingProgress();
        TestPullTarget target = new TestPullTarget(new FileBlobStore(tmp.resolve("digest-dst")));
        PullResult result = client.pull(byDigest, null, AuthConfig.ANONYMOUS, target, progress, new Cancellation());
        assertEquals(digest, result.digest());
        assertEquals(List.of("Pulling from bydigest"), progress.texts(byDigest.toString()));
        assertEquals("Status: Downloaded newer image for " + byDigest.familiar(), progress.messages().get(1));

        String other = "sha256:" + "0".repeat(64);
        NotFoundError missing = assertThrows(NotFoundError.class, () -> client.pull(ref("bydigest@" + other), null,
                AuthConfig.ANONYMOUS, target, new RecordingProgress(), new Cancellation()));
        assertEquals("manifest for " + registry.domain() + "/bydigest@" + other
                + " not found: manifest unknown: manifest unknown", missing.getMessage());
    }

    @Test
    void missingTagIsNotFoundBeforeAnyProgress() throws Exception {
        RecordingProgress progress = new RecordingProgress();
        NotFoundError e = assertThrows(NotFoundError.class, () -> client.pull(ref("nope:1"), null, AuthConfig.ANONYMOUS,
                new TestPullTarget(new FileBlobStore(tmp.resolve("nope"))), progress, new Cancellation()));
        assertEquals("manifest for " + registry.domain() + "/nope:1 not found: manifest unknown: manifest unknown",
                e.getMessage());
        assertEquals(List.of(), progress.events());
    }

    @Test
    void concurrentPullsDownloadEachBlobOnce() throws Exception {
        FileBlobStore source = new FileBlobStore(tmp.resolve("conc-src"));
        TestImages.Image image = TestImages.build(source, "1", "amd64", 2, "concurrent");
        client.push(ref("conc"), List.of(image.content()), AuthConfig.ANONYMOUS, source, new RecordingProgress(),
                new Cancellation());

        FileBlobStore store = new FileBlobStore(tmp.resolve("conc-dst"));
        TestPullTarget target = new TestPullTarget(store);
        store.hold(Set.copyOf(image.layerDigests()));
        List<String> ids = image.layerDigests().stream().map(Digests::shortId).toList();
        RecordingProgress first = new RecordingProgress();
        RecordingProgress second = new RecordingProgress();
        CompletableFuture<PullResult> a = CompletableFuture.supplyAsync(() -> client.pull(ref("conc:1"), null,
                AuthConfig.ANONYMOUS, target, first, new Cancellation()));
        await(() -> image.layerDigests().stream().allMatch(d -> store.creates(d) == 1));
        CompletableFuture<PullResult> b = CompletableFuture.supplyAsync(() -> client.pull(ref("conc:1"), null,
                AuthConfig.ANONYMOUS, target, second, new Cancellation()));
        // the second pull has joined each download when it sees that download's progress
        await(() -> ids.stream().allMatch(id -> second.has(id, "Downloading")));
        store.release();

        assertEquals(a.get(30, TimeUnit.SECONDS).imageId(), b.get(30, TimeUnit.SECONDS).imageId());
        for (String digest : image.layerDigests()) {
            assertEquals(1, store.creates(digest), digest);
            assertTrue(second.has(Digests.shortId(digest), "Download complete"));
            assertTrue(second.has(Digests.shortId(digest), "Pull complete"));
        }
        for (String chainId : Digests.chainIds(image.diffIds())) {
            assertEquals(1, target.extractions(chainId), chainId);
        }
    }

    @Test
    void layersQueueBehindTheDownloadLimit() throws Exception {
        FileBlobStore source = new FileBlobStore(tmp.resolve("wait-src"));
        TestImages.Image image = TestImages.build(source, "1", "amd64", 2, "waiting");
        client.push(ref("waiting"), List.of(image.content()), AuthConfig.ANONYMOUS, source, new RecordingProgress(),
                new Cancellation());

        FileBlobStore store = new FileBlobStore(tmp.resolve("wait-dst"));
        store.hold(Set.copyOf(image.layerDigests()));
        List<String> ids = image.layerDigests().stream().map(Digests::shortId).toList();
        RecordingProgress progress = new RecordingProgress();
        try (RegistryClient oneAtATime = new RegistryClient(new RegistryClient.Config(List.of(), 1, 1,
                java.time.Duration.ofSeconds(10), "wharf-test"))) {
            CompletableFuture<PullResult> pull = CompletableFuture.supplyAsync(() -> oneAtATime.pull(ref("waiting:1"),
                    null, AuthConfig.ANONYMOUS, new TestPullTarget(store), progress, new Cancellation()));
            await(() -> ids.stream().filter(id -> progress.has(id, "Waiting")).count() == 2);
            store.release();
            pull.get(30, TimeUnit.SECONDS);
        }
        for (String id : ids) {
            List<String> texts = progress.texts(id);
            if (texts.contains("Waiting")) {
                assertInOrder(texts, "Pulling fs layer", "Waiting", "Downloading", "Download complete", "Pull complete");
            }
        }
    }

    @Test
    void layersAlreadyUnpackedAreNotDownloaded() throws Exception {
        FileBlobStore source = new FileBlobStore(tmp.resolve("exists-src"));
        TestImages.Image base = TestImages.build(source, "base", "amd64", 0, "exists");
        TestImages.Image top = TestImages.build(source, "top", "amd64", 1, "exists");
        client.push(ref("exists"), List.of(base.content(), top.content()), AuthConfig.ANONYMOUS, source,
                new RecordingProgress(), new Cancellation());

        FileBlobStore store = new FileBlobStore(tmp.resolve("exists-dst"));
        TestPullTarget target = new TestPullTarget(store);
        client.pull(ref("exists:base"), null, AuthConfig.ANONYMOUS, target, new RecordingProgress(), new Cancellation());
        RecordingProgress progress = new RecordingProgress();
        client.pull(ref("exists:top"), null, AuthConfig.ANONYMOUS, target, progress, new Cancellation());
        assertEquals(List.of("Already exists"), progress.texts(Digests.shortId(top.layerDigests().get(0))));
        assertEquals(1, store.creates(top.layerDigests().get(0)));
        assertTrue(progress.has(Digests.shortId(top.layerDigests().get(1)), "Pull complete"));
    }

    @Test
    void storedBlobsAreUnpackedWithoutDownloading() throws Exception {
        FileBlobStore source = new FileBlobStore(tmp.resolve("stored-src"));
        TestImages.Image image = TestImages.build(source, "1", "amd64", 1, "stored");
        client.push(ref("stored"), List.of(image.content()), AuthConfig.ANONYMOUS, source, new RecordingProgress(),
                new Cancellation());
        FileBlobStore store = new FileBlobStore(tmp.resolve("stored-dst"));
        client.pull(ref("stored:1"), null, AuthConfig.ANONYMOUS, new TestPullTarget(store), new RecordingProgress(),
                new Cancellation());
        for (int round = 0; round < 2; round++) {
            // same blobs, nothing unpacked: a store that lost its layers but kept its blobs
            RecordingProgress progress = new RecordingProgress();
            client.pull(ref("stored:1"), null, AuthConfig.ANONYMOUS, new TestPullTarget(store), progress,
                    new Cancellation());
            for (String digest : image.layerDigests()) {
                assertEquals(List.of("Pulling fs layer", "Download complete", "Extracting", "Pull complete"),
                        progress.texts(Digests.shortId(digest)).stream().distinct().toList());
                assertEquals(1, store.creates(digest));
            }
        }
    }

    @Test
    void manifestListsResolveToThePlatformAsked() throws Exception {
        FileBlobStore source = new FileBlobStore(tmp.resolve("multi-src"));
        TestImages.Image amd64 = TestImages.build(source, "amd64", "amd64", 0, "multi");
        TestImages.Image arm64 = TestImages.build(source, "arm64", "arm64", 0, "multi");
        List<PushResult> pushed = client.push(ref("multi"), List.of(amd64.content(), arm64.content()),
                AuthConfig.ANONYMOUS, source, new RecordingProgress(), new Cancellation());
        for (String type : List.of(MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.OCI_INDEX)) {
            byte[] list = Manifests.goIndented(new Manifests.ManifestIndex(2, type, List.of(
                    new Descriptor(MediaTypes.DOCKER_MANIFEST, pushed.get(1).size(), pushed.get(1).digest(), null,
                            new Platform("linux", "arm64", "v8")),
                    new Descriptor(MediaTypes.DOCKER_MANIFEST, pushed.get(0).size(), pushed.get(0).digest(), null,
                            new Platform("linux", "amd64", null)))));
            String tag = type.equals(MediaTypes.OCI_INDEX) ? "oci" : "list";
            HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(registry.uri("/v2/multi/manifests/" + tag))
                    .header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(list)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, put.statusCode(), put.body());

            TestPullTarget hostTarget = new TestPullTarget(new FileBlobStore(tmp.resolve("multi-host-" + tag)));
            RecordingProgress progress = new RecordingProgress();
            PullResult host = client.pull(ref("multi:" + tag), null, AuthConfig.ANONYMOUS, hostTarget, progress,
                    new Cancellation());
            assertEquals(amd64.configDigest(), host.imageId());
            assertEquals(Digests.of(list), host.digest());
            assertTrue(progress.messages().contains("Digest: " + Digests.of(list)));
            assertEquals(pushed.get(0).digest(), hostTarget.images.get(amd64.configDigest()).manifestDigest());

            TestPullTarget armTarget = new TestPullTarget(new FileBlobStore(tmp.resolve("multi-arm-" + tag)));
            assertEquals(arm64.configDigest(), client.pull(ref("multi:" + tag), Platform.parse("linux/arm64"),
                    AuthConfig.ANONYMOUS, armTarget, new RecordingProgress(), new Cancellation()).imageId());

            NotFoundError none = assertThrows(NotFoundError.class, () -> client.pull(ref("multi:" + tag),
                    Platform.parse("linux/s390x"), AuthConfig.ANONYMOUS, armTarget, new RecordingProgress(),
                    new Cancellation()));
            assertEquals("no matching manifest for linux/s390x in the manifest list entries", none.getMessage());
        }
        NotFoundError wrong = assertThrows(NotFoundError.class, () -> client.pull(ref("multi:arm64"),
                Platform.parse("linux/amd64"), AuthConfig.ANONYMOUS,
                new TestPullTarget(new FileBlobStore(tmp.resolve("multi-wrong"))), new RecordingProgress(),
                new Cancellation()));
        assertEquals("image with reference " + registry.domain() + "/multi:arm64 was found but does not match the "
                + "specified platform: wanted linux/amd64, actual: linux/arm64", wrong.getMessage());
    }

    @Test
    void aCorruptBlobFailsVerificationAndLeavesNothing() throws Exception {
        FileBlobStore source = new FileBlobStore(tmp.resolve("corrupt-src"));
        TestImages.Image image = TestImages.build(source, "1", "amd64", 1, "corrupt");
        client.push(ref("corrupt"), List.of(image.content()), AuthConfig.ANONYMOUS, source, new RecordingProgress(),
                new Cancellation());
        String layer = image.layerDigests().get(1);
        Path data = registry.blobData(layer);
        byte[] bytes = Files.readAllBytes(data);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(data, bytes);

        FileBlobStore store = new FileBlobStore(tmp.resolve("corrupt-dst"));
        SystemError e = assertThrows(SystemError.class, () -> client.pull(ref("corrupt:1"), null, AuthConfig.ANONYMOUS,
                new TestPullTarget(store), new RecordingProgress(), new Cancellation()));
        assertEquals("filesystem layer verification failed for digest " + layer, e.getMessage());
        assertFalse(store.has(layer));
        assertEquals(0, store.temporaryFiles());
    }

    @Test
    void cancellingAPullStopsItsDownloads() throws Exception {
        FileBlobStore source = new FileBlobStore(tmp.resolve("cancel-src"));
        TestImages.Image image = TestImages.build(source, "1", "amd64", 0, "cancel");
        client.push(ref("cancel"), List.of(image.content()), AuthConfig.ANONYMOUS, source, new RecordingProgress(),
                new Cancellation());

        FileBlobStore store = new FileBlobStore(tmp.resolve("cancel-dst"));
        store.hold(Set.copyOf(image.layerDigests()));
        String id = Digests.shortId(image.layerDigests().get(0));
        RecordingProgress progress = new RecordingProgress();
        Cancellation cancellation = new Cancellation();
        CompletableFuture<PullResult> pull = CompletableFuture.supplyAsync(() -> client.pull(ref("cancel:1"), null,
                AuthConfig.ANONYMOUS, new TestPullTarget(store), progress, cancellation));
        await(() -> progress.has(id, "Downloading"));
        cancellation.cancel();
        Throwable e = assertThrows(java.util.concurrent.ExecutionException.class, () -> pull.get(10, TimeUnit.SECONDS))
                .getCause();
        assertTrue(e instanceof CancelledError, e.toString());
        await(() -> {
            try {
                return store.temporaryFiles() == 0;
            } catch (IOException io) {
                return false;
            }
        });
        assertFalse(store.has(image.layerDigests().get(0)));
    }

    @Test
    void loginToARegistryWithoutAuthSucceeds() {
        AuthResult result = client.login(new AuthConfig("user", "pass", null, null, registry.domain(), null, null),
                new Cancellation());
        assertEquals(new AuthResult("", "Login Succeeded"), result);
    }

    @Test
    void anUnreachableRegistryIsNamedAsDockerdNamesIt() throws Exception {
        int port = closedPort();
        String expected = "Get \"http://127.0.0.1:" + port + "/v2/\": dial tcp 127.0.0.1:" + port
                + ": connect: connection refused";
        SystemError pull = assertThrows(SystemError.class, () -> client.pull(Reference.parse("127.0.0.1:" + port + "/bb:1"),
                null, AuthConfig.ANONYMOUS, new TestPullTarget(new FileBlobStore(tmp.resolve("unreachable"))),
                new RecordingProgress(), new Cancellation()));
        assertEquals(expected, pull.getMessage());
        SystemError login = assertThrows(SystemError.class, () -> client.login(
                new AuthConfig("user", "pass", null, null, "127.0.0.1:" + port, null, null), new Cancellation()));
        assertEquals(expected, login.getMessage());
        FileBlobStore source = new FileBlobStore(tmp.resolve("unreachable-src"));
        TestImages.Image image = TestImages.build(source, "1", "amd64", 0, "unreachable");
        RecordingProgress progress = new RecordingProgress();
        SystemError push = assertThrows(SystemError.class, () -> client.push(Reference.parse("127.0.0.1:" + port + "/bb"),
                List.of(image.content()), AuthConfig.ANONYMOUS, source, progress, new Cancellation()));
        assertEquals(expected, push.getMessage());
        assertEquals(List.of("The push refers to repository [127.0.0.1:" + port + "/bb]"), progress.messages());
        SystemError search = assertThrows(SystemError.class, () -> client.search("127.0.0.1:" + port + "/bb", 0, null,
                AuthConfig.ANONYMOUS, new Cancellation()));
        assertEquals("Get \"http://127.0.0.1:" + port + "/v1/search?q=bb&n=25\": dial tcp 127.0.0.1:" + port
                + ": connect: connection refused", search.getMessage());
    }

    @Test
    void aRegistryWithoutSearchSaysSo() {
        SystemError e = assertThrows(SystemError.class, () -> client.search(registry.domain() + "/bb", 5, null,
                AuthConfig.ANONYMOUS, new Cancellation()));
        assertEquals("Unexpected status code 404", e.getMessage());
    }

    private Reference ref(String rest) {
        return Reference.parse(registry.domain() + "/" + rest);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void assertInOrder(List<String> texts, String... expected) {
        int at = 0;
        for (String e : expected) {
            int found = texts.subList(at, texts.size()).indexOf(e);
            assertTrue(found >= 0, "expected " + List.of(expected) + " in order in " + texts);
            at += found + 1;
        }
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(20);
        }
    }
}
