package wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wharf.launcher.DockerCli.Result;

/**
 * Images end to end: bin/wharf on a unix socket and a data root of its own, driven by the docker
 * CLI and docker-java with images the test makes from Debian's busybox-static. Every test uses
 * image names of its own, so the tests do not depend on each other's order.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ImagesE2EIT {
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final String ID = "sha256:[0-9a-f]{64}";

    private static E2eDaemon daemon;
    private static Path tmp;
    private static Path socket;
    private static Path rootfs;
    private static DockerCli dockerCli;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isExecutable(BUSYBOX), "busybox-static is not installed (test.sh installs it)");
        daemon = E2eDaemon.start("images");
        tmp = daemon.tmp();
        socket = daemon.socket();
        dockerCli = daemon.docker();
        rootfs = busyboxRootfs(tmp.resolve("rootfs"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void importFromAFileAndFromStdinListsBothImages() throws Exception {
        String fromFile = ok("import", rootfs.toString(), "imp:file");
        assertTrue(fromFile.matches(ID), fromFile);
        Result fromStdin = docker(rootfs, "import", "-", "imp:stdin");
        assertEquals(0, fromStdin.exit(), fromStdin.output());
        String stdinId = fromStdin.output().trim();
        assertTrue(stdinId.matches(ID), stdinId);

        List<String> listed = ok("images", "--no-trunc", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}").lines().toList();
        assertTrue(listed.contains("imp:file " + fromFile), listed::toString);
        assertTrue(listed.contains("imp:stdin " + stdinId), listed::toString);
        String filtered = ok("images", "--filter", "reference=imp:stdin", "--format", "{{.Repository}}:{{.Tag}}");
        assertEquals("imp:stdin", filtered);
    }

    @Test
    void inspectShowsDockerdsFields() throws Exception {
        String id = ok("import", rootfs.toString(), "insp:1");
        JsonNode image = inspect("insp:1");
        assertEquals(id, image.path("Id").asText());
        assertEquals(List.of("insp:1"), E2e.strings(image.path("RepoTags")));
        assertTrue(image.path("RepoDigests").isArray() && image.path("RepoDigests").isEmpty(), image::toString);
        assertTrue(image.path("Config").isObject(), image::toString);
        assertEquals(dockerArchitecture(), image.path("Architecture").asText());
        assertEquals("linux", image.path("Os").asText());
        assertEquals("layers", image.path("RootFS").path("Type").asText());
        // an imported layer's diff ID is the digest of the uncompressed tar as sent, as dockerd computes it
        assertEquals(List.of("sha256:" + sha256(rootfs)), E2e.strings(image.path("RootFS").path("Layers")));
        assertEquals(Files.size(BUSYBOX), image.path("Size").asLong(), "Size is the unpacked layer's content");
        OffsetDateTime created = OffsetDateTime.parse(image.path("Created").asText());
        assertTrue(Duration.between(created, OffsetDateTime.now()).abs().toMinutes() < 10, created::toString);
        assertEquals("Imported from -", image.path("Comment").asText());
    }

    @Test
    void importAppliesChangesAndTheMessage() throws Exception {
        ok("import", "--change", "ENV A=b", "--change", "CMD [\"sh\"]", "--message", "hello", rootfs.toString(), "chg:1");
        JsonNode image = inspect("chg:1");
        assertEquals(List.of("A=b"), E2e.strings(image.path("Config").path("Env")));
        assertEquals(List.of("sh"), E2e.strings(image.path("Config").path("Cmd")));
        assertEquals("hello", image.path("Comment").asText());
    }

    @Test
    void historyShowsTheImportedLayer() throws Exception {
        String id = ok("import", rootfs.toString(), "hist:1");
        String history = ok("history", "--no-trunc", "--format", "{{.ID}}|{{.CreatedBy}}|{{.Comment}}", "hist:1");
        assertEquals(id + "||Imported from -", history);
    }

    @Test
    void tagAddsANameToTheSameImage() throws Exception {
        String id = ok("import", rootfs.toString(), "tag:1");
        ok("tag", "tag:1", "tag:2");
        ok("tag", "tag:1", "127.0.0.1:5000/some/repo:x");
        assertEquals(id, inspect("tag:2").path("Id").asText());
        List<String> tags = E2e.strings(inspect(id).path("RepoTags"));
        assertTrue(tags.containsAll(List.of("tag:1", "tag:2", "127.0.0.1:5000/some/repo:x")), tags::toString);

        Result missing = docker(null, "tag", "nope:1", "x:1");
        assertEquals(1, missing.exit(), missing.output());
        assertTrue(missing.output().contains("No such image: nope:1"), missing.output());
    }

    @Test
    void rmiUntagsUntilTheLastNameThenDeletes() throws Exception {
        String id = ok("import", rootfs.toString(), "rm:1");
        ok("tag", "rm:1", "rm:2");
        assertEquals("Untagged: rm:1", ok("rmi", "rm:1"));
        assertEquals(id, inspect("rm:2").path("Id").asText());

        List<String> deleted = ok("rmi", "rm:2").lines().toList();
        assertEquals("Untagged: rm:2", deleted.get(0));
        assertTrue(deleted.contains("Deleted: " + id), deleted::toString);
        Result gone = docker(null, "image", "inspect", id);
        assertEquals(1, gone.exit(), gone.output());
    }

    @Test
    void saveRemoveAndLoadGiveTheSameImage() throws Exception {
        String id = ok("import", rootfs.toString(), "sv:1");
        Path archive = tmp.resolve("sv.tar");
        ok("save", "-o", archive.toString(), "sv:1");
        assertTrue(Files.size(archive) > Files.size(BUSYBOX), "the archive holds the layer");
        ok("rmi", "sv:1");
        assertEquals(1, docker(null, "image", "inspect", "sv:1").exit());

        assertEquals("Loaded image: sv:1", ok("load", "-i", archive.toString()));
        assertEquals(id, inspect("sv:1").path("Id").asText());
        ok("rmi", "sv:1");
        Result fromStdin = docker(archive, "load");
        assertEquals(0, fromStdin.exit(), fromStdin.output());
        assertEquals("Loaded image: sv:1", fromStdin.output().trim());
        assertEquals(id, inspect("sv:1").path("Id").asText());
    }

    @Test
    void pruneRemovesDanglingImages() throws Exception {
        String dangling = ok("import", rootfs.toString());
        assertTrue(ok("images", "--filter", "dangling=true", "-q", "--no-trunc").lines().toList().contains(dangling));
        String pruned = ok("image", "prune", "-f");
        assertTrue(pruned.contains("deleted: " + dangling), pruned);
        assertEquals(1, docker(null, "image", "inspect", dangling).exit());
    }

    @Test
    void inspectOfAMissingImageFails() throws Exception {
        Result r = docker(null, "image", "inspect", "nope:1");
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("No such image: nope:1"), r.output());
    }

    @Test
    void imagesSurviveADaemonRestart() throws Exception {
        String id = ok("import", rootfs.toString(), "keep:1");
        ok("tag", "keep:1", "keep:2");
        daemon.restart();
        assertEquals(id, inspect("keep:1").path("Id").asText());
        List<String> tags = E2e.strings(inspect("keep:2").path("RepoTags"));
        assertTrue(tags.containsAll(List.of("keep:1", "keep:2")), tags::toString);
        assertTrue(ok("images", "--no-trunc", "--format", "{{.ID}}").lines().anyMatch(id::equals));
    }

    @Test
    void dockerJavaListsInspectsAndTags() throws Exception {
        String id = ok("import", rootfs.toString(), "dj:1");
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix://" + socket).build();
        try (ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(Duration.ofSeconds(30)).build();
                DockerClient client = DockerClientImpl.getInstance(config, http)) {
            List<Image> images = client.listImagesCmd().exec();
            Image listed = images.stream().filter(i -> id.equals(i.getId())).findFirst()
                    .orElseThrow(() -> new AssertionError("dj:1 is not listed: " + images));
            assertEquals(List.of("dj:1"), Arrays.asList(listed.getRepoTags()));

            InspectImageResponse inspected = client.inspectImageCmd("dj:1").exec();
            assertEquals(id, inspected.getId());
            assertEquals("linux", inspected.getOs());
            assertEquals(List.of("sha256:" + sha256(rootfs)), inspected.getRootFS().getLayers());

            client.tagImageCmd("dj:1", "dj", "2").exec();
            assertEquals(id, client.inspectImageCmd("dj:2").exec().getId());
            assertTrue(client.inspectImageCmd(id).exec().getRepoTags().containsAll(List.of("dj:1", "dj:2")));
        }
    }

    /** bin/busybox and the symlinks a shell needs, as a tar with root as the owner. */
    private static Path busyboxRootfs(Path dir) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(BUSYBOX, bin.resolve("busybox"));
        for (String tool : List.of("sh", "ls", "cat", "echo", "true")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("busybox"));
        }
        Path tar = tmp.resolve("rootfs.tar");
        Process p = new ProcessBuilder("tar", "--numeric-owner", "--owner=0", "--group=0", "-C", dir.toString(),
                "-cf", tar.toString(), "bin").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        return tar;
    }

    private static JsonNode inspect(String name) throws IOException, InterruptedException {
        return dockerCli.inspect(name);
    }

    /** Docker's name for this machine's architecture. */
    private static String dockerArchitecture() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** Runs the CLI, asserts success and returns its trimmed output. */
    private static String ok(String... args) throws IOException, InterruptedException {
        return dockerCli.ok(args);
    }

    /** Runs the CLI against the daemon's socket, with the file as its stdin when one is given. */
    private static Result docker(Path stdin, String... args) throws IOException, InterruptedException {
        return dockerCli.run(stdin, args);
    }
}
