package wharf.graph.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wharf.engine.api.Cancellation;
import wharf.engine.api.UnauthorizedError;
import wharf.engine.api.image.AuthConfig;
import wharf.engine.api.image.AuthResult;
import wharf.engine.api.image.Reference;
import wharf.testing.LocalRegistry;

/** A registry behind htpasswd Basic auth, as {@code docker login} users meet it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BasicAuthRegistryTest {
    @TempDir
    static Path tmp;

    private LocalRegistry registry;
    private RegistryClient client;
    private AuthConfig good;
    private AuthConfig bad;

    @BeforeAll
    void start() throws Exception {
        registry = LocalRegistry.htpasswd(tmp.resolve("registry"), "user", "s3cret");
        client = new RegistryClient(RegistryClient.Config.defaults(List.of()));
        good = new AuthConfig("user", "s3cret", null, null, registry.domain(), null, null);
        bad = new AuthConfig("user", "wrong", null, null, registry.domain(), null, null);
    }

    @AfterAll
    void stop() throws Exception {
        client.close();
        registry.close();
    }

    @Test
    void pushAndPullWithCredentials() throws Exception {
        FileBlobStore source = new FileBlobStore(tmp.resolve("src"));
        TestImages.Image image = TestImages.build(source, "1", "amd64", 1, "basic");
        String digest = client.push(ref("bb"), List.of(image.content()), good, source, new RecordingProgress(),
                new Cancellation()).get(0).digest();

        // the "auth" field alone (base64 of user:password) is what some clients send
        String encoded = Base64.getEncoder().encodeToString("user:s3cret".getBytes(StandardCharsets.UTF_8));
        AuthConfig authOnly = new AuthConfig(null, null, encoded, null, registry.domain(), null, null);
        PullResult pulled = client.pull(ref("bb:1"), null, authOnly, new TestPullTarget(new FileBlobStore(tmp.resolve("dst"))),
                new RecordingProgress(), new Cancellation());
        assertEquals(digest, pulled.digest());
        assertEquals(image.configDigest(), pulled.imageId());
    }

    @Test
    void anonymousPullHasNoCredentialsToOffer() throws Exception {
        UnauthorizedError e = assertThrows(UnauthorizedError.class, () -> client.pull(ref("bb:1"), null,
                AuthConfig.ANONYMOUS, new TestPullTarget(new FileBlobStore(tmp.resolve("anon"))), new RecordingProgress(),
                new Cancellation()));
        assertEquals("Get \"http://" + registry.domain() + "/v2/bb/manifests/1\": no basic auth credentials",
                e.getMessage());
    }

    @Test
    void wrongPasswordIsUnauthorized() throws Exception {
        UnauthorizedError pull = assertThrows(UnauthorizedError.class, () -> client.pull(ref("bb:1"), null, bad,
                new TestPullTarget(new FileBlobStore(tmp.resolve("bad"))), new RecordingProgress(), new Cancellation()));
        assertEquals("unauthorized: authentication required", pull.getMessage());

        FileBlobStore source = new FileBlobStore(tmp.resolve("bad-src"));
        TestImages.Image image = TestImages.build(source, "1", "amd64", 0, "basic-bad");
        RecordingProgress progress = new RecordingProgress();
        UnauthorizedError push = assertThrows(UnauthorizedError.class, () -> client.push(ref("denied"),
                List.of(image.content()), bad, source, progress, new Cancellation()));
        assertEquals("unauthorized: authentication required", push.getMessage());
        assertEquals(List.of("The push refers to repository [" + registry.domain() + "/denied]"), progress.messages());
    }

    @Test
    void loginChecksTheCredentials() {
        assertEquals(new AuthResult("", "Login Succeeded"), client.login(good, new Cancellation()));
        // as the CLI sends it for a registry given with its scheme
        AuthConfig withScheme = new AuthConfig("user", "s3cret", null, null, "http://" + registry.domain() + "/", null, null);
        assertEquals("Login Succeeded", client.login(withScheme, new Cancellation()).status());

        UnauthorizedError e = assertThrows(UnauthorizedError.class, () -> client.login(bad, new Cancellation()));
        assertEquals("login attempt to http://" + registry.domain() + "/v2/ failed with status: 401 Unauthorized",
                e.getMessage());
    }

    private Reference ref(String rest) {
        return Reference.parse(registry.domain() + "/" + rest);
    }
}
