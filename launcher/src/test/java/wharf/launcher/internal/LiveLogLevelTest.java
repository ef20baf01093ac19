package wharf.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveLogLevelTest {
    private final Logger root = Logger.getLogger("");
    private final Logger componentLogger = Logger.getLogger(LiveLogLevel.class.getName());
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level before;

    @BeforeEach
    void captureLogs() {
        before = root.getLevel();
        componentLogger.addHandler(capture);
        // the component's own lines are what these tests read, whatever the root's level
        componentLogger.setLevel(Level.ALL);
    }

    @AfterEach
    void restore() {
        componentLogger.removeHandler(capture);
        componentLogger.setLevel(null);
        root.setLevel(before);
    }

    private static LiveLogLevel.Config level(String level) {
        return new LiveLogLevel.Config() {
            @Override
            public String level() {
                return level;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return LiveLogLevel.Config.class;
            }
        };
    }

    @Test
    void withoutALevelTheFlagsLevelApplies() {
        root.setLevel(Level.SEVERE);
        new LiveLogLevel(Level.WARNING, level(null));
        assertEquals(Level.WARNING, root.getLevel());
    }

    @Test
    void aConfiguredLevelAppliesAtOnceAndChangesLive() {
        LiveLogLevel component = new LiveLogLevel(Level.INFO, level("debug"));
        assertEquals(Level.FINE, root.getLevel());
        assertTrue(logged.stream().anyMatch(r -> r.getMessage().equals("Log level set to debug by wharf.logging")),
                () -> messages());
        component.modified(level("error"));
        assertEquals(Level.SEVERE, root.getLevel());
        // the configuration deleted: SCR calls modified without the level
        component.modified(level(null));
        assertEquals(Level.INFO, root.getLevel());
    }

    @Test
    void anUnknownLevelIsRefusedAndTheLevelInForceStays() {
        LiveLogLevel component = new LiveLogLevel(Level.INFO, level("warn"));
        component.modified(level("loud"));
        assertEquals(Level.WARNING, root.getLevel());
        LogRecord refusal = logged.get(logged.size() - 1);
        assertEquals(Level.SEVERE, refusal.getLevel());
        assertEquals("Ignoring level \"loud\" of wharf.logging: want one of debug, info, warn, error, fatal;"
                + " the log level stays warn", refusal.getMessage());
    }

    @Test
    void deactivationGoesBackToTheFlagsLevel() {
        LiveLogLevel component = new LiveLogLevel(Level.WARNING, level("debug"));
        component.deactivate();
        assertEquals(Level.WARNING, root.getLevel());
    }

    private String messages() {
        return logged.stream().map(LogRecord::getMessage).toList().toString();
    }
}
