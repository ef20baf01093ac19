package wharf.graph.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wharf.engine.api.Cancellation;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.UnauthorizedError;
import wharf.engine.api.image.AuthConfig;
import wharf.engine.api.image.AuthResult;
import wharf.engine.api.image.Reference;
import wharf.testing.LocalRegistry;
import wharf.testing.TokenIssuer;

/**
 * The bearer flow end to end: docker-registry configured for token auth trusts the test's own
 * token issuer, whose JWTs it verifies (signature, issuer, audience, access).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TokenAuthRegistryTest {
    @TempDir
    static Path tmp;

    private TokenIssuer issuer;
    private LocalRegistry registry;
    private RegistryClient client;
    private AuthConfig good;

    @BeforeAll
    void start() throws Exception {
        issuer = new TokenIssuer(Map.of("user", "s3cret"));
        Path cert = tmp.resolve("token.pem");
        issuer.writeCertificate(cert);
        registry = LocalRegistry.token(tmp.resolve("registry"), issuer.realm(), TokenIssuer.SERVICE, TokenIssuer.ISSUER, cert);
        client = new RegistryClient(RegistryClient.Config.defaults(List.of()));
        good = new AuthConfig("user", "s3cret", null, null, registry.domain(), null, null);
    }

    @AfterAll
    void stop() throws Exception {
        client.close();
        registry.close();
        issuer.close();
    }

    @Test
    void pushAndPullWithTokensCachedPerScope() throws Exception {
        FileBlobStore source = new FileBlobStore(tmp.resolve("src"));
        TestImages.Image image = TestImages.build(source, "1", "amd64", 1, "token");
        int before = issuer.requests().size();
        String digest = client.push(ref("bb"), List.of(image.content()), good, source, new RecordingProgress(),
                new Cancellation()).get(0).digest();
        List<TokenIssuer.Request> pushRequests = issuer.requests().subList(before, issuer.requests().size());
        assertEquals(1, pushRequests.size(), pushRequests.toString());
        assertEquals(new TokenIssuer.Request("GET", "user", List.of("repository:bb:pull,push"), false), pushRequests.get(0));

        TestPullTarget target = new TestPullTarget(new FileBlobStore(tmp.resolve("dst")));
        assertEquals(digest, client.pull(ref("bb:1"), null, good, target, new RecordingProgress(), new Cancellation()).digest());
        assertEquals(image.configDigest(), client.pull(ref("bb:1"), null, good,
                new TestPullTarget(new FileBlobStore(tmp.resolve("dst2"))), new RecordingProgress(), new Cancellation()).imageId());
        List<TokenIssuer.Request> pullRequests = issuer.requests().subList(before + 1, issuer.requests().size());
        assertEquals(List.of(new TokenIssuer.Request("GET", "user", List.of("repository:bb:pull"), false)), pullRequests);
    }

    @Test
    void anonymousTokensGrantNothing() {
        NotFoundError e = assertThrows(NotFoundError.class, () -> client.pull(ref("bb:1"), null, AuthConfig.ANONYMOUS,
                new TestPullTarget(new FileBlobStore(tmp.resolve("anon"))), new RecordingProgress(), new Cancellation()));
        assertTrue(e.getMessage().startsWith("pull access denied for " + registry.domain()
                + "/bb, repository does not exist or may require 'docker login': "), e.getMessage());
    }

    @Test
    void wrongCredentialsAreRefusedByTheRealm() {
        AuthConfig bad = new AuthConfig("user", "wrong", null, null, registry.domain(), null, null);
        UnauthorizedError pull = assertThrows(UnauthorizedError.class, () -> client.pull(ref("bb:1"), null, bad,
                new TestPullTarget(new FileBlobStore(tmp.resolve("bad"))), new RecordingProgress(), new Cancellation()));
        assertEquals("Get \"http://" + registry.domain() + "/v2/bb/manifests/1\": unauthorized: incorrect username or password",
                pull.getMessage());
        UnauthorizedError login = assertThrows(UnauthorizedError.class, () -> client.login(bad, new Cancellation()));
        assertEquals("Get \"http://" + registry.domain() + "/v2/\": unauthorized: incorrect username or password",
                login.getMessage());
    }

    @Test
    void loginYieldsAnIdentityTokenThatPullsWork() throws Exception {
        AuthResult login = client.login(good, new Cancellation());
        assertEquals("Login Succeeded", login.status());
        assertFalse(login.identityToken().isEmpty());
        TokenIssuer.Request last = issuer.requests().get(issuer.requests().size() - 1);
        assertEquals(new TokenIssuer.Request("GET", "user", List.of(), true), last);

        FileBlobStore source = new FileBlobStore(tmp.resolve("idt-src"));
        TestImages.Image image = TestImages.build(source, "1", "amd64", 0, "identity");
        AuthConfig identity = new AuthConfig(null, null, null, null, registry.domain(), login.identityToken(), null);
        client.push(ref("idt"), List.of(image.content()), identity, source, new RecordingProgress(), new Cancellation());
        assertEquals(image.configDigest(), client.pull(ref("idt:1"), null, identity,
                new TestPullTarget(new FileBlobStore(tmp.resolve("idt-dst"))), new RecordingProgress(), new Cancellation())
                .imageId());
        assertTrue(issuer.requests().stream().anyMatch(r -> r.method().equals("POST")
                && r.scopes().equals(List.of("repository:idt:pull,push"))), issuer.requests().toString());
    }

    private Reference ref(String rest) {
        return Reference.parse(registry.domain() + "/" + rest);
    }
}
