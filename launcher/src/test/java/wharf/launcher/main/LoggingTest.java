package wharf.launcher.main;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import wharf.launcher.internal.DaemonOptions;

class LoggingTest {
    private static DaemonOptions options(boolean debug, String level) {
        return new DaemonOptions(List.of("unix:///w.sock"), null, null, null, null, null, null, null, "/d", debug,
                level, "0.1.0", List.of(), null);
    }

    @Test
    void debugWinsOverTheLevel() {
        assertEquals("debug", Logging.level(options(true, "error")));
    }

    @Test
    void dockerdLevelsMapToSlf4jSimple() {
        assertEquals("info", Logging.level(options(false, "info")));
        assertEquals("warn", Logging.level(options(false, "warn")));
        assertEquals("error", Logging.level(options(false, "fatal")));
    }
}
