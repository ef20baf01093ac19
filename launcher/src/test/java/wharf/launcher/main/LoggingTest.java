package wharf.launcher.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wharf.launcher.internal.DaemonOptions;

class LoggingTest {
    /** The distribution's own file, as bin/wharf reads it. */
    private static final Path SHIPPED = Path.of("src/dist/conf/logging.properties");

    @TempDir
    Path tmp;

    @AfterEach
    void restoreJul() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    private static DaemonOptions options(boolean debug, String level) {
        return new DaemonOptions(List.of("unix:///w.sock"), null, null, null, null, null, null, null, "/d", debug,
                level, "0.1.0", List.of(), null);
    }

    @Test
    void theShippedFileSetsTheFormatAndQuietsJettyWhileTheFlagsSetTheRoot() throws Exception {
        Logging.configure(SHIPPED, options(false, "warn"));
        Logger root = Logger.getLogger("");
        assertEquals(Level.WARNING, root.getLevel());
        assertEquals(Level.WARNING, Logger.getLogger("org.eclipse.jetty").getLevel());
        assertEquals(1, root.getHandlers().length);
        ConsoleHandler handler = assertInstanceOf(ConsoleHandler.class, root.getHandlers()[0]);
        assertInstanceOf(DaemonLogFormatter.class, handler.getFormatter());
        assertEquals(Level.ALL, handler.getLevel());
        // a jetty logger created after the configuration still gets its default, and keeps it under debug
        Logging.configure(SHIPPED, options(true, "warn"));
        Logger server = Logger.getLogger("org.eclipse.jetty.server.Server");
        assertEquals(Level.FINE, root.getLevel());
        assertTrue(server.isLoggable(Level.WARNING));
        assertTrue(!server.isLoggable(Level.INFO));
    }

    @Test
    void aMissingFileLeavesJulAsItIsButTheLevelIsSet() throws Exception {
        Logging.configure(tmp.resolve("absent.properties"), options(false, "error"));
        assertEquals(Level.SEVERE, Logger.getLogger("").getLevel());
    }

    @Test
    void aPerLoggerLevelOfTheFileStays() throws Exception {
        Path conf = Files.writeString(tmp.resolve("logging.properties"), "wharf.access.level = FINE\n");
        Logging.configure(conf, options(false, "info"));
        assertTrue(Logger.getLogger("wharf.access").isLoggable(Level.FINE));
        assertTrue(!Logger.getLogger("wharf.other").isLoggable(Level.FINE));
    }
}
