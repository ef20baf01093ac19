package wharf.launcher.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's outcomes that end before the framework starts. */
class MainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryFlag() {
        assertEquals(0, run("-h"));
        for (Directive d : Directive.values()) {
            assertTrue(out().contains("--" + d.flag()), d.flag());
        }
        assertTrue(out().contains("--config-file string"));
        assertTrue(out().contains("    --console "));
        assertTrue(out().startsWith("Usage:\twharf [OPTIONS]"));
        assertEquals("", err());
    }

    @Test
    void versionIsOneLine() {
        assertEquals(0, run("--version"));
        assertTrue(out().matches("Wharf version \\S+, build \\S+\\n"), out());
    }

    @Test
    void aBadFlagIsAUsageError() {
        assertEquals(2, run("--bogus"));
        assertEquals("unknown flag: --bogus\nSee 'wharf --help'.\n", err());
        assertEquals("", out());
    }

    @Test
    void aMalformedHostIsAUsageError() {
        assertEquals(2, run("-H", "bogus"));
        assertTrue(err().contains("usage: serveapi PROTO://ADDR [PROTO://ADDR ...]"), err());
    }

    @Test
    void aDirectiveInBothPlacesIsAConfigurationError() throws IOException {
        Path file = Files.writeString(dir.resolve("daemon.json"), "{\"debug\": true}");
        assertEquals(1, run("--config-file", file.toString(), "-D"));
        assertEquals("wharf: unable to configure the daemon with file " + file + ": the following directives are "
                + "specified both as a flag and in the configuration file: debug: (from flag: true, from file: true)\n",
                err());
    }

    @Test
    void aMissingConfigurationFileIsAnError() {
        Path missing = dir.resolve("nope.json");
        assertEquals(1, run("--config-file=" + missing));
        assertEquals("wharf: unable to configure the daemon with file " + missing + ": open " + missing
                + ": no such file or directory\n", err());
    }
}
