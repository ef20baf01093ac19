package wharf.graph.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wharf.engine.api.ConflictError;
import wharf.engine.api.Filters;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.image.DeleteItem;
import wharf.engine.api.image.ImageInspect;
import wharf.engine.api.image.ListImages;
import wharf.engine.api.image.PruneReport;
import wharf.engine.api.image.Progress;
import wharf.engine.api.image.Reference;
import wharf.testing.engine.RecordingBus;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImageStoreTest {
    @TempDir
    Path tmp;

    private final RecordingBus bus = new RecordingBus();

    private ImageStore open() throws IOException {
        return new ImageStore(tmp.resolve("image"), bus);
    }

    /** Loads a one-layer image with the given tags and returns its ID. */
    private static String add(ImageStore store, String created, byte[] layer, String... tags) throws IOException {
        byte[] config = TestTars.config(created, layer);
        new ArchiveLoader(store).load(new ByteArrayInputStream(TestTars.dockerArchive(config, List.of(tags), layer)),
                true, Progress.NONE);
        return Digests.of(config);
    }

    @Test
    void imagesAndTagsSurviveAReopen() throws IOException {
        ImageStore store = open();
        String id = add(store, "2024-01-02T03:04:05.123456789Z", TestTars.smallLayer("a"), "keep:1");
        store.tag(Reference.parse("keep:2"), id);

        ImageStore reopened = open();
        assertEquals(id, reopened.lookup("keep:1").id());
        assertEquals(id, reopened.lookup("keep:2").id());
        assertEquals(List.of("keep:1", "keep:2"), reopened.references(id).stream().map(Reference::familiar).toList());
        assertTrue(reopened.image(id).lastTagTime() != null);
        assertEquals(1, reopened.layers().all().size());
    }

    @Test
    void theIndexIsReplacedWholeAndNoTemporaryFileStays() throws IOException {
        ImageStore store = open();
        String id = add(store, "2024-01-01T00:00:00Z", TestTars.smallLayer("b"), "idx:1");
        store.tag(Reference.parse("idx:2"), id);
        store.untag(Reference.parse("idx:2"));
        try (Stream<Path> files = Files.list(tmp.resolve("image"))) {
            assertEquals(List.of("blobs", "index.json", "layers", "tmp"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (Stream<Path> files = Files.list(tmp.resolve("image/tmp"))) {
            assertEquals(0, files.count(), "staging is empty once operations finish");
        }
        String index = Files.readString(tmp.resolve("image/index.json"));
        assertTrue(index.contains("\"docker.io/library/idx:1\" : \"" + id + "\""), index);
        assertFalse(index.contains("idx:2"), index);
    }

    @Test
    void leftoversOfAnInterruptedOperationGoAtStartUp() throws IOException {
        ImageStore store = open();
        add(store, "2024-01-01T00:00:00Z", TestTars.smallLayer("c"), "left:1");
        // what a crash leaves: a half-unpacked layer in staging, a layer and a blob no image names
        Files.createDirectories(tmp.resolve("image/tmp/layer-x/diff/etc"));
        Staging.StagedFile orphan = Staging.write(Files.createTempDirectory(tmp, "s"), "o",
                new ByteArrayInputStream(TestTars.smallLayer("orphan")));
        Layer unused = store.layers().register(null, orphan, null, null);
        store.blobs().put("{\"dangling\":true}".getBytes());

        ImageStore reopened = open();
        assertFalse(Files.exists(tmp.resolve("image/tmp/layer-x")));
        assertFalse(reopened.layers().has(unused.chainId()));
        assertFalse(reopened.blobs().has(unused.blob()));
        assertFalse(reopened.blobs().has(Digests.of("{\"dangling\":true}".getBytes())));
        assertEquals(1, reopened.images().size());
    }

    @Test
    void aReferenceToAMissingImageIsDroppedOnReopen() throws IOException {
        ImageStore store = open();
        String id = add(store, "2024-01-01T00:00:00Z", TestTars.smallLayer("d"), "gone:1");
        Files.delete(store.blobs().path(id));
        ImageStore reopened = open();
        assertEquals(0, reopened.images().size());
        assertThrows(NotFoundError.class, () -> reopened.lookup("gone:1"));
    }

    @Test
    void lookupByNameIdPrefixAndDigest() throws IOException {
        ImageStore store = open();
        String id = add(store, "2024-01-01T00:00:00Z", TestTars.smallLayer("e"), "find:latest");
        String hex = Digests.hex(id);
        assertEquals(id, store.lookup("find").id());
        assertEquals(id, store.lookup("docker.io/library/find:latest").id());
        assertEquals(id, store.lookup(id).id());
        assertEquals(id, store.lookup(hex).id());
        assertEquals(id, store.lookup(hex.substring(0, 12)).id());
        assertEquals(id, store.lookup("sha256:" + hex.substring(0, 8)).id());

        assertEquals("No such image: nope:1", assertThrows(NotFoundError.class, () -> store.lookup("nope:1")).getMessage());
        assertEquals("No such image: nope:latest", assertThrows(NotFoundError.class, () -> store.lookup("nope")).getMessage());
        assertEquals("No such image: sha256:" + "0".repeat(64),
                assertThrows(NotFoundError.class, () -> store.lookup("sha256:" + "0".repeat(64))).getMessage());
        assertEquals("invalid reference format: repository name must be lowercase",
                assertThrows(InvalidParameterError.class, () -> store.lookup("Nope")).getMessage());
    }

    @Test
    void inspectInDockerdsShape() throws IOException {
        ImageStore store = open();
        byte[] layer = TestTars.busyboxLayer();
        String id = add(store, "2024-05-06T07:08:09.5Z", layer, "insp:1");
        ImageInspect i = new ImageViews(store).inspect("insp:1");
        assertEquals(id, i.id());
        assertEquals(List.of("insp:1"), i.repoTags());
        assertEquals(List.of(), i.repoDigests());
        assertEquals("2024-05-06T07:08:09.5Z", i.created());
        assertEquals(List.of("sh"), i.config().cmd());
        assertEquals("amd64", i.architecture());
        assertEquals("linux", i.os());
        assertEquals(List.of(Digests.of(layer)), i.rootFS().layers());
        assertEquals(Files.size(TestTars.BUSYBOX), i.size(), "the files' content, as dockerd 20.10 reports it");
        assertTrue(i.graphDriver().data().get("UpperDir").endsWith("/diff"));
        assertTrue(i.metadata().lastTagTime().startsWith("20"));
    }

    @Test
    void listFiltersAndOrder() throws IOException {
        ImageStore store = open();
        String old = add(store, "2020-01-01T00:00:00Z", TestTars.smallLayer("f"), "list:old");
        String mid = add(store, "2021-01-01T00:00:00Z", TestTars.smallLayer("g"));
        String fresh = add(store, "2022-01-01T00:00:00Z", TestTars.smallLayer("h"), "list:new", "other:1");
        ImageViews views = new ImageViews(store);
        assertEquals(List.of(fresh, mid, old), ids(views, Filters.empty()));
        assertEquals(List.of(mid), ids(views, filters("dangling", "true")));
        assertEquals(List.of(fresh, old), ids(views, filters("dangling", "false")));
        assertEquals(List.of(fresh), ids(views, filters("reference", "other")));
        assertEquals(List.of(fresh, old), ids(views, filters("reference", "list:*")));
        assertEquals(List.of(mid, old), ids(views, filters("before", "list:new")));
        assertEquals(List.of(fresh, mid), ids(views, filters("since", "list:old")));
        assertEquals(List.of(fresh, mid, old), ids(views, filters("label", "k=v")));
        assertEquals(List.of(), ids(views, filters("label", "k=w")));
        assertEquals("Invalid filter 'bogus'", assertThrows(InvalidParameterError.class,
                () -> ids(views, filters("bogus", "1"))).getMessage());
        assertEquals("invalid filter 'dangling=maybe'", assertThrows(InvalidParameterError.class,
                () -> ids(views, filters("dangling", "maybe"))).getMessage());
        assertEquals(List.of("list:new", "other:1"), views.list(new ListImages(false, false, Filters.empty(), false))
                .get(0).repoTags());
    }

    private static List<String> ids(ImageViews views, Filters f) {
        return views.list(new ListImages(false, false, f, false)).stream().map(s -> s.id()).toList();
    }

    private static Filters filters(String... kv) {
        java.util.Map<String, List<String>> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (!kv[i + 1].isEmpty()) {
                m.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
            }
        }
        return Filters.of(m);
    }

    @Test
    void removingANameUntagsAndTheLastOneDeletes() throws IOException {
        ImageStore store = open();
        String id = add(store, "2024-01-01T00:00:00Z", TestTars.smallLayer("i"), "rm:1");
        store.tag(Reference.parse("rm:2"), id);
        ImageRemover remover = new ImageRemover(store, ImageRemover.Users.NONE);
        String layer = store.image(id).topLayer();

        assertEquals(List.of(DeleteItem.untagged("rm:1")), remover.delete("rm:1", false, true));
        assertEquals(List.of(DeleteItem.untagged("rm:2"), DeleteItem.deleted(id), DeleteItem.deleted(layer)),
                remover.delete("rm:2", false, true));
        assertNull(store.image(id));
        assertFalse(store.layers().has(layer));
        assertFalse(store.blobs().has(id));
        assertTrue(bus.namedActions().containsAll(List.of("untag " + id, "delete " + id)),
                bus.namedActions()::toString);
    }

    @Test
    void removingByIdWithTagsInSeveralRepositoriesNeedsForce() throws IOException {
        ImageStore store = open();
        String id = add(store, "2024-01-01T00:00:00Z", TestTars.smallLayer("j"), "one:1");
        store.tag(Reference.parse("two:1"), id);
        ImageRemover remover = new ImageRemover(store, ImageRemover.Users.NONE);
        ConflictError e = assertThrows(ConflictError.class, () -> remover.delete(id, false, true));
        assertEquals("conflict: unable to delete " + Digests.shortId(id)
                + " (must be forced) - image is referenced in multiple repositories", e.getMessage());
        List<DeleteItem> forced = remover.delete(Digests.shortId(id), true, true);
        assertEquals(List.of(DeleteItem.untagged("one:1"), DeleteItem.untagged("two:1"), DeleteItem.deleted(id)),
                forced.subList(0, 3));
    }

    @Test
    void removingByIdWithTagsInOneRepositoryUntagsThem() throws IOException {
        ImageStore store = open();
        String id = add(store, "2024-01-01T00:00:00Z", TestTars.smallLayer("k"), "same:1");
        List<DeleteItem> out = new ImageRemover(store, ImageRemover.Users.NONE).delete(id, false, true);
        assertEquals(DeleteItem.untagged("same:1"), out.get(0));
        assertEquals(DeleteItem.deleted(id), out.get(1));
    }

    @Test
    void sharedLayersStayUntilTheLastImageGoes() throws IOException {
        ImageStore store = open();
        byte[] shared = TestTars.smallLayer("shared");
        byte[] top = TestTars.smallLayer("top");
        byte[] c1 = TestTars.config("2024-01-01T00:00:00Z", shared);
        byte[] c2 = TestTars.config("2024-01-02T00:00:00Z", shared, top);
        ArchiveLoader loader = new ArchiveLoader(store);
        loader.load(new ByteArrayInputStream(TestTars.dockerArchive(c1, List.of("base:1"), shared)), true, Progress.NONE);
        loader.load(new ByteArrayInputStream(TestTars.dockerArchive(c2, List.of("app:1"), shared, top)), true, Progress.NONE);
        assertEquals(2, store.layers().all().size(), "the shared layer is unpacked once");
        new ImageRemover(store, ImageRemover.Users.NONE).delete("base:1", false, true);
        assertTrue(store.layers().has(Digests.of(shared)));
        new ImageRemover(store, ImageRemover.Users.NONE).delete("app:1", false, true);
        assertEquals(0, store.layers().all().size());
    }

    @Test
    void pruneRemovesDanglingImagesOnly() throws IOException {
        ImageStore store = open();
        String tagged = add(store, "2024-01-01T00:00:00Z", TestTars.smallLayer("l"), "prune:1");
        String dangling = add(store, "2024-01-01T00:00:00Z", TestTars.smallLayer("m"));
        ImageRemover remover = new ImageRemover(store, ImageRemover.Users.NONE);
        PruneReport r = remover.prune(Filters.empty());
        assertTrue(r.imagesDeleted().contains(DeleteItem.deleted(dangling)));
        assertTrue(r.spaceReclaimed() > 0);
        assertTrue(store.image(tagged) != null);
        assertNull(remover.prune(Filters.empty()).imagesDeleted(), "nothing left: null, as dockerd");

        PruneReport all = remover.prune(filters("dangling", "false", "until", "2025-01-01T00:00:00Z"));
        assertTrue(all.imagesDeleted().contains(DeleteItem.untagged("prune:1")));
        assertNull(store.image(tagged));
    }

    @Test
    void tagRulesAsDockerd() throws IOException {
        ImageStore store = open();
        String id = add(store, "2024-01-01T00:00:00Z", TestTars.smallLayer("n"), "t:1");
        assertEquals("refusing to create a tag with a digest reference", assertThrows(InvalidParameterError.class,
                () -> TagJob.target("t@sha256:" + "a".repeat(64), "")).getMessage());
        assertEquals("docker.io/library/t:2", TagJob.target("t", "2").toString());
        assertEquals("docker.io/library/t:latest", TagJob.target("t", null).toString());
        assertEquals("docker.io/library/t:x", TagJob.target("t:x", "").toString());
        assertThrows(InvalidParameterError.class, () -> store.tag(Reference.parse("sha256:abc"), id));
    }
}
