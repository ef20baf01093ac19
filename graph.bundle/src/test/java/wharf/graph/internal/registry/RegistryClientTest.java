package wharf.graph.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import wharf.engine.api.image.AuthConfig;
import wharf.engine.api.image.Reference;

/** Where requests go, without sending any. */
class RegistryClientTest {

    @Test
    void officialImagesLiveUnderLibraryOnRegistry1() {
        try (RegistryClient client = new RegistryClient(RegistryClient.Config.defaults(List.of()))) {
            RegistrySession hub = client.session(Reference.parse("busybox"), List.of("pull"), AuthConfig.ANONYMOUS);
            assertEquals(URI.create("https://registry-1.docker.io/v2/library/busybox/manifests/latest"),
                    hub.repositoryUri("manifests/latest"));
            RegistrySession user = client.session(Reference.parse("index.docker.io/someone/app:1"), List.of("pull"),
                    AuthConfig.ANONYMOUS);
            assertEquals(URI.create("https://registry-1.docker.io/v2/someone/app/blobs/uploads/"),
                    user.repositoryUri("blobs/uploads/"));
            RegistrySession local = client.session(Reference.parse("localhost:5000/a/b"), List.of("pull"),
                    AuthConfig.ANONYMOUS);
            assertEquals(URI.create("http://localhost:5000/v2/"), local.v2());
        }
    }

    @Test
    void loginAddressesAsDockerdReadsThem() {
        assertEquals("docker.io", RegistryClient.serverDomain(""));
        assertEquals("docker.io", RegistryClient.serverDomain(null));
        assertEquals("index.docker.io", RegistryClient.serverDomain("https://index.docker.io/v1/"));
        assertEquals("127.0.0.1:5000", RegistryClient.serverDomain("http://127.0.0.1:5000/"));
        assertEquals("reg.example", RegistryClient.serverDomain("Reg.Example"));
    }
}
