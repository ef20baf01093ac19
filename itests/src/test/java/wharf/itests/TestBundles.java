package wharf.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import wharf.itests.leak.RecordRoutes;
import wharf.testing.HotRoutes;

/** Route bundle jars built in the test with the JDK's jar API: a manifest and an activator with the classes it needs. */
final class TestBundles {
    static final String HOT = "wharf.itests.hot";

    private TestBundles() {
    }

    /** A bundle serving {@code GET path} with {@code {"version": version}}. */
    static byte[] routeBundle(String symbolicName, String version, String path, int ranking) throws IOException {
        Manifest manifest = manifest(symbolicName, version, HotRoutes.class);
        manifest.getMainAttributes().putValue(HotRoutes.PATH, path);
        manifest.getMainAttributes().putValue(HotRoutes.RANKING, Integer.toString(ranking));
        return jar(manifest, HotRoutes.class);
    }

    /** A bundle whose {@link RecordRoutes} hand the server's JSON mappers a record class of their own. */
    static byte[] recordBundle(String symbolicName, String version) throws IOException {
        return jar(manifest(symbolicName, version, RecordRoutes.class), RecordRoutes.class, RecordRoutes.Answer.class);
    }

    private static Manifest manifest(String symbolicName, String version, Class<?> activator) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        main.putValue("Bundle-Activator", activator.getName());
        main.putValue("Import-Package", "org.osgi.framework;version=\"[1.8,2)\",wharf.server.api;version=\"[1.0,2)\"");
        return manifest;
    }

    private static byte[] jar(Manifest manifest, Class<?>... classes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Class<?> c : classes) {
                String entry = c.getName().replace('.', '/') + ".class";
                try (InputStream classFile = c.getResourceAsStream("/" + entry)) {
                    if (classFile == null) {
                        throw new IOException("the class file " + entry + " is not on the test's class path");
                    }
                    jar.putNextEntry(new JarEntry(entry));
                    classFile.transferTo(jar);
                }
            }
        }
        return bytes.toByteArray();
    }
}
