package wharf.launcher.main;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import wharf.launcher.internal.DaemonOptions;
import wharf.launcher.internal.LogLevels;

/**
 * Every bundle logs through SLF4J's java.util.logging provider. conf/logging.properties is JUL's
 * configuration (the handler, its format, per-logger levels) unless the java command line named
 * one with {@code java.util.logging.config.file}; the root logger's level comes from
 * {@code -D}/{@code -l}, and wharf.launcher's LiveLogLevel changes it while the daemon runs.
 */
final class Logging {
    /** The system property with which JUL reads a configuration file of the user's instead. */
    static final String CONFIG_FILE = "java.util.logging.config.file";

    private Logging() {
    }

    static void configure(Path defaults, DaemonOptions options) throws ConfigException {
        if (System.getProperty(CONFIG_FILE) == null && Files.exists(defaults)) {
            try (InputStream in = Files.newInputStream(defaults)) {
                LogManager.getLogManager().readConfiguration(in);
            } catch (IOException e) {
                throw new ConfigException("cannot read " + defaults + ": " + e.getMessage(), e);
            }
        }
        Logger.getLogger("").setLevel(LogLevels.of(options));
    }
}
