package wharf.launcher.main;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import wharf.launcher.internal.DaemonOptions;

/**
 * slf4j-simple, which every bundle logs through, reads only system properties: the defaults in
 * conf/logging.properties become system properties unless the java command line set them, and the
 * level comes from {@code -D}/{@code -l}.
 */
final class Logging {
    static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    static void configure(Path defaults, DaemonOptions options) throws ConfigException {
        Properties p = new Properties();
        if (Files.exists(defaults)) {
            try (Reader r = Files.newBufferedReader(defaults)) {
                p.load(r);
            } catch (IOException e) {
                throw new ConfigException("cannot read " + defaults + ": " + e.getMessage(), e);
            }
        }
        p.putIfAbsent(PREFIX + "showDateTime", "true");
        p.putIfAbsent(PREFIX + "logFile", "System.err");
        p.stringPropertyNames().stream()
                .filter(k -> System.getProperty(k) == null)
                .forEach(k -> System.setProperty(k, p.getProperty(k)));
        System.setProperty(PREFIX + "defaultLogLevel", level(options));
    }

    /** {@code -D} wins over {@code -l}, as in dockerd. */
    static String level(DaemonOptions options) {
        return options.debug() ? "debug" : Values.slf4jLevel(options.logLevel());
    }
}
