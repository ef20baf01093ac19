package wharf.launcher.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

/**
 * dockerd's log levels in java.util.logging terms, which SLF4J's JUL provider maps back:
 * debug is FINE, warn is WARNING, and error and fatal are both SEVERE (SLF4J has no fatal).
 */
public final class LogLevels {
    private static final Map<String, Level> LEVELS = Map.of(
            "debug", Level.FINE,
            "info", Level.INFO,
            "warn", Level.WARNING,
            "error", Level.SEVERE,
            "fatal", Level.SEVERE);

    /** The names {@link #of(String)} takes, for messages. */
    public static final String NAMES = "debug, info, warn, error, fatal";

    private LogLevels() {
    }

    /** The JUL level of a dockerd level name (any case, surrounding blanks ignored); empty when it is none. */
    public static Optional<Level> of(String dockerdLevel) {
        return Optional.ofNullable(LEVELS.get(dockerdLevel.strip().toLowerCase(Locale.ROOT)));
    }

    /** The dockerd name of a JUL level, for messages: the nearest at or below it, fatal said as error. */
    public static String name(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "error";
        } else if (value >= Level.WARNING.intValue()) {
            return "warn";
        } else if (value >= Level.INFO.intValue()) {
            return "info";
        }
        return "debug";
    }

    /**
     * The level the daemon was started with: {@code -D} wins over {@code -l}, as in dockerd. The options
     * were checked by bin/wharf, so an unknown level (from a newer bin/wharf) falls back to INFO.
     */
    public static Level of(DaemonOptions options) {
        return options.debug() ? Level.FINE : of(options.logLevel()).orElse(Level.INFO);
    }
}
