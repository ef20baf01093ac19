package wharf.launcher.main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * The daemon's log line, {@code 2026-11-27T17:42:16.392Z INFO ServeApiJob - message}: the time in
 * the JVM's zone with its offset, SLF4J's level name, the logger's last name segment, the message,
 * then the stack trace of a throwable. conf/logging.properties names this class for JUL's handler.
 */
public final class DaemonLogFormatter extends Formatter {
    private static final String TIME_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

    private final DateTimeFormatter time;

    /** JUL's LogManager creates it by name from the configuration. */
    public DaemonLogFormatter() {
        this(ZoneId.systemDefault());
    }

    DaemonLogFormatter(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern(TIME_PATTERN).withZone(zone);
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(128)
                .append(time.format(record.getInstant())).append(' ')
                .append(levelName(record.getLevel())).append(' ')
                .append(shortName(record.getLoggerName())).append(" - ")
                // formatMessage: JUL's own callers (the JDK, some libraries) pass {0}-style parameters
                .append(formatMessage(record))
                .append(System.lineSeparator());
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                record.getThrown().printStackTrace(out);
            }
            line.append(trace);
        }
        return line.toString();
    }

    /** SLF4J's names for the JUL levels its provider logs at; JUL's CONFIG and FINE are both debug. */
    static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        } else if (value >= Level.WARNING.intValue()) {
            return "WARN";
        } else if (value >= Level.INFO.intValue()) {
            return "INFO";
        } else if (value >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    /** The part after the last dot, as slf4j-simple's showShortLogName printed it. */
    static String shortName(String loggerName) {
        if (loggerName == null || loggerName.isEmpty()) {
            return "root";
        }
        return loggerName.substring(loggerName.lastIndexOf('.') + 1);
    }
}
