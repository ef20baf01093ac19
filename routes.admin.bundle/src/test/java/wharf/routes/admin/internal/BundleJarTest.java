package wharf.routes.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osgi.framework.Version;
import wharf.engine.api.InvalidParameterError;
import wharf.server.api.Peer;

/** A sent jar lands in a temporary file under a size limit and must name a bundle. */
@Timeout(10)
class BundleJarTest {
    private static final long LIMIT = 64 * 1024;

    private static byte[] jar(String... headers) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (int i = 0; i < headers.length; i += 2) {
            manifest.getMainAttributes().putValue(headers[i], headers[i + 1]);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            out.putNextEntry(new JarEntry("x/readme.txt"));
            out.write("hello".getBytes());
        }
        return bytes.toByteArray();
    }

    private static BundleJar receive(byte[] body) throws IOException {
        return BundleJar.receive(new ByteArrayInputStream(body), body.length, LIMIT);
    }

    /** The upload files this JVM left in the temp folder. */
    private static List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("wharf-bundle-")).toList();
        }
    }

    @Test
    void aBundleJarGivesItsNameAndVersionAndItsFileGoesOnClose() throws Exception {
        List<Path> before = leftovers();
        try (BundleJar jar = receive(jar("Bundle-SymbolicName", "x.hot;singleton:=true", "Bundle-Version", "1.2.3"))) {
            assertEquals("x.hot", jar.symbolicName());
            assertEquals(new Version(1, 2, 3), jar.version());
            assertTrue(jar.open().readAllBytes().length > 0);
        }
        assertEquals(before, leftovers());
    }

    @Test
    void whatIsNotABundleIsRefusedAndLeavesNoFile() throws Exception {
        List<Path> before = leftovers();
        assertTrue(assertThrows(InvalidParameterError.class, () -> receive("plain text".getBytes())).getMessage()
                .startsWith("not a bundle"));
        assertTrue(assertThrows(InvalidParameterError.class, () -> receive(jar("Bundle-Version", "1")))
                .getMessage().contains("Bundle-SymbolicName"));
        assertTrue(assertThrows(InvalidParameterError.class, () -> receive(jar("Bundle-SymbolicName", "x",
                "Bundle-Version", "one"))).getMessage().contains("Bundle-Version"));
        assertTrue(assertThrows(InvalidParameterError.class, () -> receive(new byte[0])).getMessage()
                .contains("no body"));
        assertEquals(before, leftovers());
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhetherItsLengthIsDeclaredOrNot() throws Exception {
        List<Path> before = leftovers();
        byte[] big = new byte[(int) LIMIT + 1];
        assertThrows(InvalidParameterError.class, () -> BundleJar.receive(new ByteArrayInputStream(big), big.length,
                LIMIT));
        assertThrows(InvalidParameterError.class, () -> BundleJar.receive(new ByteArrayInputStream(big), -1, LIMIT));
        assertEquals(before, leftovers());
    }

    @Test
    void onlyUnixCallersAndVerifiedTlsClientsAreTrusted() {
        assertTrue(AdminRoutes.trusted(Peer.unknown(Peer.Transport.UNIX)));
        assertTrue(AdminRoutes.trusted(new Peer(Peer.Transport.TCP, true, "CN=admin", -1, -1)));
        assertFalse(AdminRoutes.trusted(Peer.unknown(Peer.Transport.TCP)));
        assertFalse(AdminRoutes.trusted(Peer.unknown(Peer.Transport.OTHER)));
    }
}
