package wharf.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class LogLevelsTest {
    private static DaemonOptions options(boolean debug, String level) {
        return new DaemonOptions(List.of("unix:///w.sock"), null, null, null, null, null, null, null, "/d", debug,
                level, "0.1.0", List.of(), null);
    }

    @Test
    void dockerdLevelsMapToJul() {
        assertEquals(Optional.of(Level.FINE), LogLevels.of("debug"));
        assertEquals(Optional.of(Level.INFO), LogLevels.of("info"));
        assertEquals(Optional.of(Level.WARNING), LogLevels.of("warn"));
        assertEquals(Optional.of(Level.SEVERE), LogLevels.of("error"));
        assertEquals(Optional.of(Level.SEVERE), LogLevels.of("fatal"));
    }

    @Test
    void caseAndBlanksDoNotMatterButOtherNamesAreNone() {
        assertEquals(Optional.of(Level.FINE), LogLevels.of(" DEBUG "));
        assertEquals(Optional.empty(), LogLevels.of("loud"));
        assertEquals(Optional.empty(), LogLevels.of("FINE"));
        assertEquals(Optional.empty(), LogLevels.of(""));
    }

    @Test
    void debugWinsOverTheLevel() {
        assertEquals(Level.FINE, LogLevels.of(options(true, "error")));
        assertEquals(Level.WARNING, LogLevels.of(options(false, "warn")));
        assertEquals(Level.SEVERE, LogLevels.of(options(false, "fatal")));
    }

    @Test
    void julLevelsAreNamedAsDockerdNamesThem() {
        assertEquals("debug", LogLevels.name(Level.FINE));
        assertEquals("info", LogLevels.name(Level.INFO));
        assertEquals("warn", LogLevels.name(Level.WARNING));
        assertEquals("error", LogLevels.name(Level.SEVERE));
    }
}
