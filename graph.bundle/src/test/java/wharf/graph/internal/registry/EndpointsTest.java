package wharf.graph.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void dockerHubUnderAnyNameIsRegistry1OverHttps() {
        Endpoints e = new Endpoints(List.of());
        assertEquals(URI.create("https://registry-1.docker.io"), e.registry("docker.io"));
        assertEquals(URI.create("https://registry-1.docker.io"), e.registry("index.docker.io"));
        assertEquals(URI.create("https://index.docker.io"), e.index("docker.io"));
    }

    @Test
    void loopbackIsPlainHttpOthersHttps() {
        Endpoints e = new Endpoints(List.of());
        assertEquals(URI.create("http://127.0.0.1:5000"), e.registry("127.0.0.1:5000"));
        assertEquals(URI.create("http://127.3.4.5"), e.registry("127.3.4.5"));
        assertEquals(URI.create("http://[::1]:5000"), e.registry("[::1]:5000"));
        assertEquals(URI.create("http://localhost:5000"), e.registry("localhost:5000"));
        assertEquals(URI.create("https://10.1.2.3:5000"), e.registry("10.1.2.3:5000"));
        assertEquals(URI.create("https://registry.example:5000"), e.registry("registry.example:5000"));
    }

    @Test
    void insecureRegistriesByName() {
        Endpoints e = new Endpoints(List.of("registry.example:5000", "http://plain.example"));
        assertTrue(e.insecure("registry.example:5000"));
        assertFalse(e.insecure("registry.example:5001"));
        assertTrue(e.insecure("plain.example"));
        assertTrue(e.insecure("plain.example:443"));
        assertEquals(URI.create("http://registry.example:5000"), e.registry("registry.example:5000"));
    }

    /** Literal addresses only: with blocks configured a host name would be looked up in DNS. */
    @Test
    void insecureRegistriesByBlock() {
        Endpoints e = new Endpoints(List.of("10.0.0.0/8", "fd00::/8"));
        assertTrue(e.insecure("10.200.0.1:5000"));
        assertFalse(e.insecure("11.0.0.1:5000"));
        assertTrue(e.insecure("[fd00::5]:5000"));
        assertFalse(e.insecure("[fe80::5]:5000"));
        assertTrue(e.insecure("127.0.0.1:5000"));
        assertEquals(URI.create("http://10.200.0.1:5000"), e.registry("10.200.0.1:5000"));
    }

    @Test
    void malformedBlocksAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Endpoints(List.of("10.0.0.0/33")));
    }
}
