package wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wharf.launcher.DockerCli.Result;
import wharf.testing.LocalRegistry;
import wharf.testing.TokenIssuer;

/**
 * Registries end to end: bin/wharf pushes to and pulls from Debian's docker-registry on 127.0.0.1
 * (plain, behind htpasswd Basic auth, and behind a token issuer of the test's own), driven by
 * the docker CLI and docker-java with a busybox image the test imports from busybox-static.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RegistryE2EIT {
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIGEST = "sha256:[0-9a-f]{64}";

    private static E2eDaemon daemon;
    private static Path tmp;
    private static DockerCli dockerCli;
    private static LocalRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isExecutable(BUSYBOX), "busybox-static is not installed (test.sh installs it)");
        assertTrue(Files.isExecutable(LocalRegistry.BINARY), "docker-registry is not installed (test.sh installs it)");
        // 127.0.0.0/8 needs no flag; these two show up in /info
        daemon = E2eDaemon.start("registry",
                "--insecure-registry", "reg.example:5000", "--insecure-registry", "10.0.0.0/8");
        tmp = daemon.tmp();
        dockerCli = daemon.docker();
        registry = LocalRegistry.plain(tmp.resolve("registry"));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (registry != null) {
                registry.close();
            }
        } finally {
            if (daemon != null) {
                daemon.close();
            }
        }
    }

    @Test
    void pushRemoveAndPullBackGiveTheSameImage() throws Exception {
        String ref = registry.domain() + "/bb:1";
        String id = ok("import", rootfs("push").toString(), "src:push");
        ok("tag", "src:push", ref);

        String pushed = ok("push", ref);
        assertTrue(pushed.contains("The push refers to repository [" + registry.domain() + "/bb]"), pushed);
        assertTrue(pushed.lines().anyMatch(l -> l.endsWith(": Pushed")), pushed);
        String digestLine = pushed.lines().filter(l -> l.startsWith("1: digest: ")).findFirst().orElse("");
        assertTrue(digestLine.matches("1: digest: " + DIGEST + " size: \\d+"), pushed);
        String digest = digestLine.split(" ")[2];

        ok("rmi", ref, "src:push");
        assertEquals(1, docker(null, "image", "inspect", ref).exit(), "the image is gone");

        String pulled = ok("pull", ref);
        assertTrue(pulled.contains("1: Pulling from bb"), pulled);
        assertTrue(pulled.lines().anyMatch(l -> l.endsWith(": Pull complete")), pulled);
        assertTrue(pulled.contains("Digest: " + digest), pulled);
        assertTrue(pulled.contains("Status: Downloaded newer image for " + ref), pulled);
        JsonNode image = inspect(ref);
        assertEquals(id, image.path("Id").asText());
        assertEquals(List.of(registry.domain() + "/bb@" + digest), E2e.strings(image.path("RepoDigests")));

        String again = ok("pull", ref);
        assertTrue(again.contains("Status: Image is up to date for " + ref), again);
        String repushed = ok("push", ref);
        assertTrue(repushed.lines().anyMatch(l -> l.endsWith(": Layer already exists")), repushed);
        assertTrue(repushed.contains("1: digest: " + digest), "the same layers give the same manifest: " + repushed);
    }

    @Test
    void pullingAMissingTagFailsAsDockerdDoes() throws Exception {
        Result r = docker(null, "pull", registry.domain() + "/nope:1");
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("manifest for " + registry.domain()
                + "/nope:1 not found: manifest unknown: manifest unknown"), r.output());
    }

    @Test
    void pushingANameTheDaemonDoesNotHaveFails() throws Exception {
        Result r = docker(null, "push", registry.domain() + "/absent:1");
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("An image does not exist locally with the tag: " + registry.domain()
                + "/absent"), r.output());
    }

    @Test
    void dockerJavaPullsToCompletion() throws Exception {
        String ref = registry.domain() + "/dj:1";
        String id = ok("import", rootfs("docker-java").toString(), ref);
        ok("push", ref);
        ok("rmi", ref);

        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix://" + daemon.socket()).build();
        try (ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(Duration.ofSeconds(60)).build();
                DockerClient client = DockerClientImpl.getInstance(config, http)) {
            // docker-java judges the pull by its last status line
            assertTrue(client.pullImageCmd(registry.domain() + "/dj").withTag("1").exec(new PullImageResultCallback())
                    .awaitCompletion(60, TimeUnit.SECONDS));
            // docker-java sends the name's '/' as %2F, which the server decodes as dockerd does
            assertEquals(id, client.inspectImageCmd(ref).exec().getId());

            NotFoundException missing = assertThrows(NotFoundException.class,
                    () -> client.pullImageCmd(registry.domain() + "/dj").withTag("nope")
                            .exec(new PullImageResultCallback()).awaitCompletion(60, TimeUnit.SECONDS));
            assertTrue(missing.getMessage().contains("manifest unknown"), missing.getMessage());
        }
    }

    @Test
    void loginWithBasicAuthThenPushAndPull() throws Exception {
        try (LocalRegistry secured = LocalRegistry.htpasswd(tmp.resolve("basic"), "user", "s3cret")) {
            Path config = tmp.resolve("basic-config");
            Result wrong = login(config, secured.domain(), "user", "wrong");
            assertEquals(1, wrong.exit(), wrong.output());
            assertTrue(wrong.output().contains("401 Unauthorized"), wrong.output());

            Result right = login(config, secured.domain(), "user", "s3cret");
            assertEquals(0, right.exit(), right.output());
            assertTrue(right.output().contains("Login Succeeded"), right.output());

            pushRemovePull(config, secured.domain() + "/basic:1");
        }
    }

    @Test
    void loginWithATokenIssuerThenPushAndPull() throws Exception {
        try (TokenIssuer issuer = new TokenIssuer(Map.of("user", "s3cret"))) {
            Path cert = tmp.resolve("token.pem");
            issuer.writeCertificate(cert);
            try (LocalRegistry secured = LocalRegistry.token(tmp.resolve("token"), issuer.realm(), TokenIssuer.SERVICE,
                    TokenIssuer.ISSUER, cert)) {
                Path config = tmp.resolve("token-config");
                Result anonymous = dockerWith(config, null, "pull", secured.domain() + "/tok:1");
                assertEquals(1, anonymous.exit(), anonymous.output());
                assertTrue(anonymous.output().contains("pull access denied for " + secured.domain() + "/tok"),
                        anonymous.output());

                Result right = login(config, secured.domain(), "user", "s3cret");
                assertEquals(0, right.exit(), right.output());
                assertTrue(right.output().contains("Login Succeeded"), right.output());

                pushRemovePull(config, secured.domain() + "/tok:1");
                assertTrue(issuer.requests().stream().anyMatch(r -> "user".equals(r.user())
                        && r.scopes().contains("repository:tok:pull,push")), issuer.requests()::toString);
            }
        }
    }

    @Test
    void infoShowsTheInsecureRegistries() throws Exception {
        JsonNode config = JSON.readTree(ok("info", "--format", "{{json .RegistryConfig}}"));
        assertEquals(List.of("127.0.0.0/8", "10.0.0.0/8"), E2e.strings(config.path("InsecureRegistryCIDRs")));
        JsonNode index = config.path("IndexConfigs").path("reg.example:5000");
        assertEquals("reg.example:5000", index.path("Name").asText());
        assertFalse(index.path("Secure").asBoolean(true), config::toString);
        assertTrue(config.path("IndexConfigs").path("docker.io").path("Secure").asBoolean(), config::toString);
    }

    /** Push with the logged-in config, remove, pull back: the same image ID. */
    private static void pushRemovePull(Path config, String ref) throws Exception {
        String id = ok("import", rootfs(ref.substring(ref.lastIndexOf('/') + 1).replace(':', '-')).toString(), ref);
        Result push = dockerWith(config, null, "push", ref);
        assertEquals(0, push.exit(), push.output());
        assertTrue(push.output().contains("1: digest: sha256:"), push.output());
        ok("rmi", ref);
        Result pull = dockerWith(config, null, "pull", ref);
        assertEquals(0, pull.exit(), pull.output());
        assertTrue(pull.output().contains("Status: Downloaded newer image for " + ref), pull.output());
        assertEquals(id, inspect(ref).path("Id").asText());
    }

    private static Result login(Path config, String registry, String user, String password) throws Exception {
        Path secret = Files.writeString(tmp.resolve("password"), password);
        return dockerWith(config, secret, "login", registry, "-u", user, "--password-stdin");
    }

    /**
     * bin/busybox and the symlinks a shell needs, as a tar with root as the owner, and a file
     * naming the test: a layer of the test's own, which no other test's image holds.
     */
    private static Path rootfs(String name) throws IOException, InterruptedException {
        Path dir = tmp.resolve("rootfs-" + name);
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/test"), name + "\n");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(BUSYBOX, bin.resolve("busybox"));
        for (String tool : List.of("sh", "ls", "cat", "echo", "true")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("busybox"));
        }
        Path tar = tmp.resolve("rootfs-" + name + ".tar");
        Process p = new ProcessBuilder("tar", "--numeric-owner", "--owner=0", "--group=0", "-C", dir.toString(),
                "-cf", tar.toString(), "bin", "etc").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        return tar;
    }

    private static JsonNode inspect(String name) throws IOException, InterruptedException {
        return dockerCli.inspect(name);
    }

    /** Runs the CLI, asserts success and returns its trimmed output. */
    private static String ok(String... args) throws IOException, InterruptedException {
        return dockerCli.ok(args);
    }

    private static Result docker(Path stdin, String... args) throws IOException, InterruptedException {
        return dockerCli.run(stdin, args);
    }

    /**
     * Runs the CLI against the daemon's socket with its own config directory (where logins keep
     * their credentials), the file as its stdin when one is given.
     */
    private static Result dockerWith(Path config, Path stdin, String... args) throws IOException, InterruptedException {
        return dockerCli.withConfig(config).run(stdin, args);
    }
}
