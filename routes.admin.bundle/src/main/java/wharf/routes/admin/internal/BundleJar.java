package wharf.routes.admin.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import wharf.engine.api.InvalidParameterError;

/**
 * A bundle jar a client sent, kept in a temporary file until the framework has read it: the body
 * is streamed there under a size limit, then its manifest must name a bundle. Closing deletes it.
 */
final class BundleJar implements AutoCloseable {
    private final Path file;
    private final String symbolicName;
    private final Version version;

    private BundleJar(Path file, String symbolicName, Version version) {
        this.file = file;
        this.symbolicName = symbolicName;
        this.version = version;
    }

    /**
     * Streams the body to a temporary file and reads its manifest.
     *
     * @param declaredLength the request's Content-Length, or -1 when it has none (chunked)
     * @throws InvalidParameterError when the body is larger than the limit or is not a bundle jar
     */
    static BundleJar receive(InputStream body, long declaredLength, long limit) throws IOException {
        if (declaredLength > limit) {
            throw tooLarge(limit);
        }
        Path file = Files.createTempFile("wharf-bundle-", ".jar");
        try {
            copy(body, file, limit);
            return read(file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Reads the bundle's identity from the jar's manifest. */
    static BundleJar read(Path file) throws IOException {
        Manifest manifest;
        try (JarFile jar = new JarFile(file.toFile(), false)) {
            manifest = jar.getManifest();
        } catch (java.util.zip.ZipException e) {
            throw new InvalidParameterError("not a bundle: the body is not a jar (" + e.getMessage() + ")", e);
        }
        if (manifest == null) {
            throw new InvalidParameterError("not a bundle: the jar has no META-INF/MANIFEST.MF");
        }
        String name = manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        String symbolicName = name == null ? "" : name.split(";", 2)[0].strip();
        if (symbolicName.isEmpty()) {
            throw new InvalidParameterError("not a bundle: the jar's manifest has no " + Constants.BUNDLE_SYMBOLICNAME);
        }
        String version = manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
        try {
            return new BundleJar(file, symbolicName, version == null ? Version.emptyVersion : Version.parseVersion(version));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterError("not a bundle: bad " + Constants.BUNDLE_VERSION + " '" + version + "'", e);
        }
    }

    private static void copy(InputStream body, Path file, long limit) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n = body.read(buf); n >= 0; n = body.read(buf)) {
                total += n;
                if (total > limit) {
                    throw tooLarge(limit);
                }
                out.write(buf, 0, n);
            }
        }
        if (total == 0) {
            throw new InvalidParameterError("not a bundle: the request has no body; send the jar");
        }
    }

    private static InvalidParameterError tooLarge(long limit) {
        return new InvalidParameterError("the bundle is too large: at most " + limit + " bytes are accepted");
    }

    String symbolicName() {
        return symbolicName;
    }

    Version version() {
        return version;
    }

    InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
