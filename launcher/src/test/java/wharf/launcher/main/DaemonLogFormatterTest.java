package wharf.launcher.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class DaemonLogFormatterTest {
    private static final Instant AT = Instant.parse("2026-11-27T17:42:16.392Z");
    private static final String NL = System.lineSeparator();

    private static LogRecord record(Level level, String logger, String message) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName(logger);
        r.setInstant(AT);
        return r;
    }

    @Test
    void printsWhatSlf4jSimplePrinted() {
        assertEquals("2026-11-27T17:42:16.392Z INFO ServeApiJob - API listen on /run/wharf.sock" + NL,
                new DaemonLogFormatter(ZoneOffset.UTC).format(
                        record(Level.INFO, "wharf.server.internal.ServeApiJob", "API listen on /run/wharf.sock")));
    }

    @Test
    void theTimeCarriesTheZonesOffset() {
        assertEquals("2026-11-27T18:42:16.392+01:00 WARN access - x" + NL,
                new DaemonLogFormatter(ZoneId.of("Europe/Berlin")).format(record(Level.WARNING, "wharf.access", "x")));
    }

    @Test
    void julParametersAreFilledIn() {
        LogRecord r = record(Level.INFO, "jdk.thing", "{0} of {1}");
        r.setParameters(new Object[] {"one", "two"});
        assertTrue(new DaemonLogFormatter(ZoneOffset.UTC).format(r).endsWith(" INFO thing - one of two" + NL));
    }

    @Test
    void aThrowableFollowsWithItsStackTrace() {
        LogRecord r = record(Level.SEVERE, "wharf.daemon.internal.ContainerDaemon", "restore failed");
        r.setThrown(new IllegalStateException("broken state", new java.io.IOException("disk")));
        String[] lines = new DaemonLogFormatter(ZoneOffset.UTC).format(r).split(NL);
        assertEquals("2026-11-27T17:42:16.392Z ERROR ContainerDaemon - restore failed", lines[0]);
        assertEquals("java.lang.IllegalStateException: broken state", lines[1]);
        assertTrue(lines[2].startsWith("\tat wharf.launcher.main.DaemonLogFormatterTest."), lines[2]);
        assertTrue(String.join(NL, lines).contains("Caused by: java.io.IOException: disk"));
    }

    @Test
    void julLevelsGetSlf4jNames() {
        assertEquals("ERROR", DaemonLogFormatter.levelName(Level.SEVERE));
        assertEquals("WARN", DaemonLogFormatter.levelName(Level.WARNING));
        assertEquals("INFO", DaemonLogFormatter.levelName(Level.INFO));
        assertEquals("DEBUG", DaemonLogFormatter.levelName(Level.CONFIG));
        assertEquals("DEBUG", DaemonLogFormatter.levelName(Level.FINE));
        assertEquals("TRACE", DaemonLogFormatter.levelName(Level.FINER));
        assertEquals("TRACE", DaemonLogFormatter.levelName(Level.FINEST));
    }

    @Test
    void theShortNameIsTheLastSegment() {
        assertEquals("Server", DaemonLogFormatter.shortName("org.eclipse.jetty.server.Server"));
        assertEquals("plain", DaemonLogFormatter.shortName("plain"));
        assertEquals("root", DaemonLogFormatter.shortName(""));
        assertEquals("root", DaemonLogFormatter.shortName(null));
    }
}
