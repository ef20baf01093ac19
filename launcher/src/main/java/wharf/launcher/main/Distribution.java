package wharf.launcher.main;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The unpacked distribution bin/wharf runs from: {@code bundle/} (started at boot),
 * {@code console/} (started at boot with {@code --console} only), {@code deploy/} (watched for hot
 * installs), {@code conf/} and {@code lib/}.
 */
record Distribution(Path home) {
    /** Set by bin/wharf; without it the home is the folder above this jar's {@code lib/}. */
    static final String HOME_PROPERTY = "wharf.home";

    static Distribution locate() {
        String given = System.getProperty(HOME_PROPERTY);
        if (given != null && !given.isBlank()) {
            return new Distribution(Path.of(given).toAbsolutePath().normalize());
        }
        try {
            Path jar = Path.of(Distribution.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new Distribution(jar.toAbsolutePath().getParent().getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the distribution; set -D" + HOME_PROPERTY, e);
        }
    }

    Path bundles() {
        return home.resolve("bundle");
    }

    Path console() {
        return home.resolve("console");
    }

    Path deploy() {
        return home.resolve("deploy");
    }

    Path loggingDefaults() {
        return home.resolve("conf").resolve("logging.properties");
    }

    /** The jars in {@code bundle/}, sorted by name. */
    List<Path> bundleJars() {
        return jars(bundles());
    }

    /** The jars in {@code console/}, sorted by name. */
    List<Path> consoleJars() {
        return jars(console());
    }

    private static List<Path> jars(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
