package wharf.graph.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wharf.engine.api.ConflictError;
import wharf.engine.api.Engine;
import wharf.engine.api.UnavailableError;
import wharf.engine.api.container.ImageUsers;
import wharf.engine.api.image.CommitImage;
import wharf.engine.api.image.ContainerConfig;
import wharf.engine.api.image.Progress;
import wharf.testing.engine.RecordingBus;

/** Commit's layer tar (whiteouts in AUFS form), the committed image, and deletes refused for containers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommitTest {
    private static final String CONTAINER = "c0ffee" + "0".repeat(58);

    @TempDir
    Path tmp;

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** An upper dir as overlayfs leaves it: a new file, a whiteout, an opaque dir, a hard link, a symlink. */
    private Path upperDir() throws IOException {
        Path upper = Files.createDirectories(tmp.resolve("upper"));
        Files.createDirectories(upper.resolve("etc"));
        Files.writeString(upper.resolve("etc/added"), "new\n");
        Files.createLink(upper.resolve("etc/again"), upper.resolve("etc/added"));
        Files.createSymbolicLink(upper.resolve("etc/link"), Path.of("added"));
        NativeFs.mknod(upper.resolve("etc/gone"), NativeFs.S_IFCHR | 0000, 0);
        Files.createDirectories(upper.resolve("opt"));
        NativeFs.lsetxattr(upper.resolve("opt"), LayerUnpacker.OPAQUE_XATTR, new byte[] {'y'});
        Files.writeString(upper.resolve("opt/only"), "o");
        return upper;
    }

    private static Map<String, TarArchiveEntry> entries(byte[] tar) throws IOException {
        Map<String, TarArchiveEntry> out = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null;) {
                out.put(e.getName(), e);
            }
        }
        return out;
    }

    @Test
    void whiteoutsAndOpaqueDirsBecomeAufsFiles() throws IOException {
        assumeTrue(NativeFs.available() && root(), "needs root and native calls");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerTar.write(upperDir(), Set.of(), out);
        Map<String, TarArchiveEntry> e = entries(out.toByteArray());

        assertEquals(List.of("etc/", "etc/added", "etc/again", "etc/.wh.gone", "etc/link", "opt/", "opt/.wh..wh..opq",
                "opt/only"), List.copyOf(e.keySet()), "relative, in the order of the names on disk, as Go's walk");
        TarArchiveEntry whiteout = e.get("etc/.wh.gone");
        assertTrue(whiteout.isFile() && whiteout.getSize() == 0, "a whiteout is an empty regular file");
        assertTrue(e.get("opt/.wh..wh..opq").isFile());
        assertTrue(e.get("etc/again").isLink() && e.get("etc/again").getLinkName().equals("etc/added"),
                "the second name of an inode is a hard link to the first");
        assertTrue(e.get("etc/link").isSymbolicLink() && e.get("etc/link").getLinkName().equals("added"));
        assertEquals(4, e.get("etc/added").getSize());
    }

    @Test
    void anEmptyLayerIsTheEmptyTar() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerTar.write(Files.createDirectories(tmp.resolve("empty")), Set.of(), out);
        assertEquals(1024, out.size(), "two zero blocks, as Go's tar writer ends");
        assertEquals(LayerTar.EMPTY_TAR, Digests.of(out.toByteArray()));
    }

    @Test
    void excludedPathsAreLeftOutWithWhatIsUnderThem() throws IOException {
        Path upper = Files.createDirectories(tmp.resolve("with-mount-points"));
        Files.createDirectories(upper.resolve("etc"));
        Files.writeString(upper.resolve("etc/hosts"), "");
        Files.writeString(upper.resolve("etc/kept"), "mine\n");
        Files.createDirectories(upper.resolve("dev/pts"));
        Files.createDirectories(upper.resolve("proc"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerTar.write(upper, Set.of("/etc/hosts", "/dev", "/proc"), out);
        assertEquals(List.of("etc/", "etc/kept"), List.copyOf(entries(out.toByteArray()).keySet()));
    }

    private ImageStore storeWithBase() throws IOException {
        ImageStore store = new ImageStore(tmp.resolve("image"), new RecordingBus());
        byte[] layer = TestTars.smallLayer("base");
        byte[] config = TestTars.config("2024-01-02T03:04:05Z", layer);
        new ArchiveLoader(store).load(new ByteArrayInputStream(TestTars.dockerArchive(config, List.of("base:1"), layer)),
                true, Progress.NONE);
        return store;
    }

    private static ContainerConfig containerConfig(List<String> cmd) throws IOException {
        return Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(Map.of("Cmd", cmd, "Image", "base:1")),
                ContainerConfig.class);
    }

    @Test
    void commitAddsTheLayerOverTheParentsAndWritesTheConfigAsDockerd() throws IOException {
        assumeTrue(NativeFs.available() && root(), "needs root and native calls");
        ImageStore store = storeWithBase();
        Image base = store.lookup("base:1");
        ContainerConfig cc = containerConfig(List.of("sh", "-c", "echo hi"));
        String id = new Committer(store).commit(new CommitImage(upperDir(), Set.of(), base.id(), CONTAINER, cc, null, "me",
                "msg", List.of("ENV X=1"), "committed", "2"));

        Image image = store.lookup("committed:2");
        assertEquals(id, image.id());
        assertEquals(base.id(), image.parent());
        ImageConfig c = image.config();
        assertEquals(base.config().diffIds().size() + 1, c.diffIds().size());
        assertEquals(base.config().diffIds(), c.diffIds().subList(0, base.config().diffIds().size()));
        assertEquals(CONTAINER, c.container());
        assertEquals(List.of("sh", "-c", "echo hi"), c.containerConfig().cmd());
        assertEquals(List.of("X=1"), c.config().env(), "the change is applied to the container's config");
        assertEquals("me", c.author());
        ImageConfig.History last = c.history().get(c.history().size() - 1);
        assertEquals("sh -c echo hi", last.createdBy());
        assertEquals("msg", last.comment());
        assertFalse(last.emptyLayer());

        Path diff = store.layers().diff(image.topLayer());
        assertEquals("new\n", Files.readString(diff.resolve("etc/added")));
        int mode = (Integer) Files.getAttribute(diff.resolve("etc/gone"), "unix:mode", LinkOption.NOFOLLOW_LINKS);
        assertEquals(NativeFs.S_IFCHR, mode & 0170000, "the stored layer has the whiteout back in overlay form");
    }

    @Test
    void anUnchangedContainerGivesAnEmptyLayerHistoryEntry() throws IOException {
        ImageStore store = storeWithBase();
        Image base = store.lookup("base:1");
        String id = new Committer(store).commit(new CommitImage(Files.createDirectories(tmp.resolve("none")), Set.of(), base.id(),
                CONTAINER, containerConfig(List.of("sh")), null, "", "", List.of(), "", ""));
        ImageConfig c = store.image(id).config();
        assertEquals(base.config().diffIds(), c.diffIds());
        assertTrue(c.history().get(c.history().size() - 1).emptyLayer());
        assertTrue(store.references(id).isEmpty(), "no repo, no tag");
    }

    @Test
    void containersHoldTheirImageAsDockerdDoes() throws IOException {
        ImageStore store = storeWithBase();
        String id = store.lookup("base:1").id();
        String shortId = Digests.shortId(id);
        String running = "a".repeat(64);
        String stopped = "b".repeat(64);

        ImageRemover withRunning = new ImageRemover(store, i -> List.of(new ImageUsers.User(running, true)));
        ConflictError e = assertThrows(ConflictError.class, () -> withRunning.delete(id, true, true));
        assertEquals("conflict: unable to delete " + shortId + " (cannot be forced) - image is being used by running "
                + "container aaaaaaaaaaaa", e.getMessage());

        ImageRemover withStopped = new ImageRemover(store, i -> List.of(new ImageUsers.User(stopped, false)));
        e = assertThrows(ConflictError.class, () -> withStopped.delete(id, false, true));
        assertEquals("conflict: unable to delete " + shortId + " (must be forced) - image is being used by stopped "
                + "container bbbbbbbbbbbb", e.getMessage());
        e = assertThrows(ConflictError.class, () -> withStopped.delete("base:1", false, true));
        assertEquals("conflict: unable to remove repository reference \"base:1\" (must force) - container "
                + "bbbbbbbbbbbb is using its referenced image " + shortId, e.getMessage());
        assertNotNull(store.image(id), "nothing was removed");

        withStopped.delete(id, true, true);
        assertTrue(store.references(id).isEmpty(), "forced: untagged");
        assertNotNull(store.image(id), "but kept, since the stopped container's rootfs stands on its layers");
        assertThrows(wharf.engine.api.NotFoundError.class, () -> store.lookup("base:1"));
        assertFalse(store.layers().all().isEmpty());
    }

    @Test
    void withoutAContainerDaemonNoContainerUsesAnImage() {
        Engine none = (Engine) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Engine.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("run")) {
                        throw new UnavailableError("no handler for image_users");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        assertTrue(ImageRemover.Users.of(none).of("sha256:" + "1".repeat(64)).isEmpty());
    }

    @Test
    void withoutContainersTheImageGoes() throws IOException {
        ImageStore store = storeWithBase();
        String id = store.lookup("base:1").id();
        new ImageRemover(store, ImageRemover.Users.NONE).delete(id, false, true);
        assertEquals(null, store.image(id));
        assertTrue(store.references(id).isEmpty());
        assertThrows(wharf.engine.api.NotFoundError.class, () -> store.lookup("base:1"));
    }
}
