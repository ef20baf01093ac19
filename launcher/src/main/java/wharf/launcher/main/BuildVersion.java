package wharf.launcher.main;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * The daemon's version and the commit it was built from, read from this jar's manifest (bnd
 * writes {@code Wharf-Version} and {@code Wharf-Git-Commit} there).
 */
record BuildVersion(String version, String build) {
    static final BuildVersion UNKNOWN = new BuildVersion("0.0.0", "unknown");

    /** As dockerd prints it: {@code Wharf version 0.1.0, build 1a2b3c4}. */
    String line() {
        return "Wharf version " + version + ", build " + build;
    }

    /** From the jar this class was loaded from; {@link #UNKNOWN} when run from classes (tests). */
    static BuildVersion current() {
        CodeSource source = BuildVersion.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return UNKNOWN;
        }
        try {
            Path jar = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return UNKNOWN;
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                Attributes main = file.getManifest().getMainAttributes();
                String version = main.getValue("Wharf-Version");
                String build = main.getValue("Wharf-Git-Commit");
                return new BuildVersion(version == null ? UNKNOWN.version : version,
                        build == null || build.isBlank() ? UNKNOWN.build : build);
            }
        } catch (IOException | URISyntaxException e) {
            return UNKNOWN;
        }
    }
}
