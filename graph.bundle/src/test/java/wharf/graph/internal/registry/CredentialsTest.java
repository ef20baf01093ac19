package wharf.graph.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import wharf.engine.api.image.AuthConfig;

class CredentialsTest {

    @Test
    void userAndPasswordOrTheAuthField() {
        Credentials plain = Credentials.of(new AuthConfig("user", "pa:ss", null, null, null, null, null));
        assertEquals("Basic dXNlcjpwYTpzcw==", plain.basicHeader());
        Credentials encoded = Credentials.of(new AuthConfig(null, null, "dXNlcjpwYTpzcw==", null, null, null, null));
        assertEquals(plain, encoded);
        assertFalse(Credentials.of(AuthConfig.ANONYMOUS).hasBasic());
        assertFalse(Credentials.of(new AuthConfig(null, null, "!!notbase64", null, null, null, null)).hasBasic());
    }

    @Test
    void tokensAndFingerprints() {
        Credentials identity = Credentials.of(new AuthConfig(null, null, null, null, null, "rt", null));
        assertTrue(identity.hasIdentityToken());
        assertFalse(identity.hasBasic());
        assertTrue(Credentials.of(new AuthConfig(null, null, null, null, null, null, "bt")).hasRegistryToken());
        assertNotEquals(Credentials.of(new AuthConfig("a", "b", null, null, null, null, null)).fingerprint(),
                Credentials.of(new AuthConfig("a", "c", null, null, null, null, null)).fingerprint());
        assertFalse(Credentials.of(new AuthConfig("a", "secret", null, null, null, null, null)).toString().contains("secret"));
    }
}
