package wharf.launcher.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonConfigFileTest {
    @TempDir
    Path dir;

    private static String error(String json) {
        return assertThrows(ConfigException.class, () -> DaemonConfigFile.parse(json)).getMessage();
    }

    @Test
    void everyKeyDockerdNames() throws ConfigException {
        Settings s = DaemonConfigFile.parse("""
                {"hosts": ["unix:///a.sock", "tcp://127.0.0.1:2376"], "tls": true, "tlsverify": false,
                 "tlscacert": "/c/ca.pem", "tlscert": "/c/cert.pem", "tlskey": "/c/key.pem", "group": "wheel",
                 "api-cors-header": "*", "data-root": "/srv/wharf", "debug": true, "log-level": "warn",
                 "insecure-registries": ["reg.example:5000", "10.0.0.0/8"]}
                """);
        assertEquals(List.of("unix:///a.sock", "tcp://127.0.0.1:2376"), s.list(Directive.HOSTS).orElseThrow());
        assertEquals(Optional.of(true), s.bool(Directive.TLS));
        assertEquals(Optional.of(false), s.bool(Directive.TLS_VERIFY));
        assertEquals(Optional.of("/c/ca.pem"), s.string(Directive.TLS_CA_CERT));
        assertEquals(Optional.of("/c/cert.pem"), s.string(Directive.TLS_CERT));
        assertEquals(Optional.of("/c/key.pem"), s.string(Directive.TLS_KEY));
        assertEquals(Optional.of("wheel"), s.string(Directive.GROUP));
        assertEquals(Optional.of("*"), s.string(Directive.API_CORS_HEADER));
        assertEquals(Optional.of("/srv/wharf"), s.string(Directive.DATA_ROOT));
        assertEquals(Optional.of(true), s.bool(Directive.DEBUG));
        assertEquals(Optional.of("warn"), s.string(Directive.LOG_LEVEL));
        assertEquals(List.of("reg.example:5000", "10.0.0.0/8"), s.list(Directive.INSECURE_REGISTRIES).orElseThrow());
    }

    @Test
    void blankFileHoldsNothing() throws ConfigException {
        assertTrue(DaemonConfigFile.parse(" \n").directives().isEmpty());
        assertTrue(DaemonConfigFile.parse("{}").directives().isEmpty());
    }

    @Test
    void unknownKeysAreErrors() {
        assertEquals("the following directives don't match any configuration option: bogus, storage-driver",
                error("{\"storage-driver\": \"vfs\", \"debug\": true, \"bogus\": 1}"));
    }

    @Test
    void wrongTypesAreErrors() {
        assertEquals("\"hosts\" must be a list of strings, not \"unix:///a.sock\"",
                error("{\"hosts\": \"unix:///a.sock\"}"));
        assertEquals("\"hosts\" must be a list of strings, not [1]", error("{\"hosts\": [1]}"));
        assertEquals("\"tls\" must be true or false, not \"yes\"", error("{\"tls\": \"yes\"}"));
        assertEquals("\"data-root\" must be a string, not 5", error("{\"data-root\": 5}"));
        assertEquals("the file must hold a JSON object, not array", error("[]"));
    }

    @Test
    void badValuesAreErrors() {
        assertEquals("invalid value \"bogus\" for \"hosts\": usage: serveapi PROTO://ADDR [PROTO://ADDR ...]",
                error("{\"hosts\": [\"bogus\"]}"));
        assertEquals("invalid value \"loud\" for \"log-level\": invalid logging level: loud "
                + "(want one of debug, info, warn, error, fatal)", error("{\"log-level\": \"loud\"}"));
        assertEquals("invalid value \"ftp://reg\" for \"insecure-registries\": insecure registry ftp://reg should not "
                + "contain '://'", error("{\"insecure-registries\": [\"ftp://reg\"]}"));
    }

    @Test
    void malformedJsonSaysWhere() {
        String message = error("{\"debug\": true,\n \"tls\" }");
        assertTrue(message.contains("(line 2, column"), message);
        assertTrue(error("{} {}").startsWith("Trailing token"), "trailing content is an error");
    }

    @Test
    void aGivenFileMustExist() {
        Path missing = dir.resolve("daemon.json");
        assertEquals("unable to configure the daemon with file " + missing + ": open " + missing
                + ": no such file or directory",
                assertThrows(ConfigException.class, () -> DaemonConfigFile.load(Optional.of(missing))).getMessage());
    }

    @Test
    void aFileErrorNamesTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("daemon.json"), "{\"bogus\": true}");
        assertEquals("unable to configure the daemon with file " + file
                + ": the following directives don't match any configuration option: bogus",
                assertThrows(ConfigException.class, () -> DaemonConfigFile.load(Optional.of(file))).getMessage());
    }

    @Test
    void aGivenFileIsRead() throws IOException, ConfigException {
        Path file = Files.writeString(dir.resolve("daemon.json"), "{\"debug\": true}");
        assertEquals(Optional.of(true), DaemonConfigFile.load(Optional.of(file)).bool(Directive.DEBUG));
    }

    @Test
    void conflictsAreReportedAsDockerdDoes() throws UsageException, ConfigException {
        Settings flags = CommandLine.parse(List.of("-H", "unix:///a.sock", "-H", "unix:///b.sock", "-D",
                "--tls=false")).settings();
        Settings file = DaemonConfigFile.parse(
                "{\"hosts\": [\"tcp://127.0.0.1:2375\"], \"tls\": true, \"debug\": false, \"group\": \"wheel\"}");
        Path path = Path.of("/etc/wharf/daemon.json");
        assertEquals("unable to configure the daemon with file /etc/wharf/daemon.json: the following directives are "
                + "specified both as a flag and in the configuration file: "
                + "debug: (from flag: true, from file: false), "
                + "hosts: (from flag: [unix:///a.sock unix:///b.sock], from file: [tcp://127.0.0.1:2375]), "
                + "tls: (from flag: false, from file: true)",
                assertThrows(ConfigException.class, () -> DaemonConfigFile.checkConflicts(flags, file, path))
                        .getMessage());
    }

    @Test
    void differentDirectivesDoNotConflict() throws UsageException, ConfigException {
        Settings flags = CommandLine.parse(List.of("-D")).settings();
        DaemonConfigFile.checkConflicts(flags, DaemonConfigFile.parse("{\"group\": \"wheel\"}"), DaemonConfigFile.DEFAULT);
    }

    @Test
    void theSampleInConfParses() throws IOException, ConfigException {
        Settings sample = DaemonConfigFile.parse(Files.readString(Path.of("src/dist/conf/daemon.json")));
        assertEquals(List.of(Options.DEFAULT_HOST), sample.list(Directive.HOSTS).orElseThrow());
        assertEquals(Optional.of(Options.DEFAULT_DATA_ROOT), sample.string(Directive.DATA_ROOT));
        assertEquals(Optional.of(Options.DEFAULT_LOG_LEVEL), sample.string(Directive.LOG_LEVEL));
    }
}
