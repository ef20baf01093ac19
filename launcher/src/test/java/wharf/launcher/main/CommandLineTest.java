package wharf.launcher.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static CommandLine parse(String... args) throws UsageException {
        return CommandLine.parse(List.of(args));
    }

    private static String error(String... args) {
        return assertThrows(UsageException.class, () -> parse(args)).getMessage();
    }

    @Test
    void noFlagsSayNothing() throws UsageException {
        CommandLine line = parse();
        assertTrue(line.settings().directives().isEmpty());
        assertEquals(Optional.empty(), line.configFile());
        assertFalse(line.help());
        assertFalse(line.version());
        assertFalse(line.console());
    }

    @Test
    void hostRepeatsInEveryForm() throws UsageException {
        CommandLine line = parse("-H", "unix:///a.sock", "--host", "tcp://127.0.0.1:2375", "-Hunix:///b.sock",
                "-H=unix:///c.sock", "--host=tcp://127.0.0.1:2376");
        assertEquals(List.of("unix:///a.sock", "tcp://127.0.0.1:2375", "unix:///b.sock", "unix:///c.sock",
                "tcp://127.0.0.1:2376"), line.settings().list(Directive.HOSTS).orElseThrow());
    }

    @Test
    void tlsIsTriState() throws UsageException {
        assertEquals(Optional.empty(), parse().settings().bool(Directive.TLS));
        assertEquals(Optional.of(true), parse("--tls").settings().bool(Directive.TLS));
        assertEquals(Optional.of(false), parse("--tls=false").settings().bool(Directive.TLS));
        assertEquals(Optional.of(true), parse("--tlsverify=1").settings().bool(Directive.TLS_VERIFY));
        assertEquals(Optional.of(false), parse("--tlsverify=F").settings().bool(Directive.TLS_VERIFY));
    }

    @Test
    void aBooleanFlagNeverTakesTheNextArgument() {
        assertEquals("\"wharf\" accepts no arguments, got \"false\"", error("--tls", "false"));
    }

    @Test
    void stringFlagsTakeTheNextArgumentEvenWithADash() throws UsageException {
        CommandLine line = parse("--api-cors-header", "-weird-", "--data-root=/srv/wharf", "-G", "wheel",
                "--tlscacert", "/c/ca.pem", "--tlscert", "/c/cert.pem", "--tlskey", "/c/key.pem");
        assertEquals(Optional.of("-weird-"), line.settings().string(Directive.API_CORS_HEADER));
        assertEquals(Optional.of("/srv/wharf"), line.settings().string(Directive.DATA_ROOT));
        assertEquals(Optional.of("wheel"), line.settings().string(Directive.GROUP));
        assertEquals(Optional.of("/c/ca.pem"), line.settings().string(Directive.TLS_CA_CERT));
        assertEquals(Optional.of("/c/cert.pem"), line.settings().string(Directive.TLS_CERT));
        assertEquals(Optional.of("/c/key.pem"), line.settings().string(Directive.TLS_KEY));
    }

    @Test
    void combinedShorthands() throws UsageException {
        CommandLine line = parse("-Dh");
        assertEquals(Optional.of(true), line.settings().bool(Directive.DEBUG));
        assertTrue(line.help());
        CommandLine levelled = parse("-Dlwarn");
        assertEquals(Optional.of("warn"), levelled.settings().string(Directive.LOG_LEVEL));
        assertEquals(Optional.of(false), parse("-D=false").settings().bool(Directive.DEBUG));
    }

    @Test
    void consoleIsABooleanFlagOfTheCommandLineOnly() throws UsageException {
        CommandLine line = parse("--console", "-D");
        assertTrue(line.console());
        assertEquals(1, line.settings().directives().size());
        assertFalse(parse("--console=false").console());
        assertEquals("invalid argument \"x\" for \"--console\" flag: want true or false", error("--console=x"));
    }

    @Test
    void helpVersionAndConfigFile() throws UsageException {
        assertTrue(parse("--help").help());
        assertTrue(parse("-v").version());
        assertTrue(parse("--version").version());
        assertEquals(Optional.of(Path.of("/x/daemon.json")), parse("--config-file", "/x/daemon.json").configFile());
        assertEquals(Optional.of(Path.of("/y.json")), parse("--config-file=/y.json").configFile());
    }

    @Test
    void theLastValueOfASingleValuedFlagWins() throws UsageException {
        assertEquals(Optional.of("error"), parse("-l", "debug", "--log-level", "error").settings()
                .string(Directive.LOG_LEVEL));
    }

    @Test
    void unknownFlags() {
        assertEquals("unknown flag: --bogus", error("--bogus"));
        assertEquals("unknown flag: --bogus", error("--bogus=1"));
        assertEquals("unknown shorthand flag: 'x' in -Dx", error("-Dx"));
    }

    @Test
    void missingValues() {
        assertEquals("flag needs an argument: --host", error("--host"));
        assertEquals("flag needs an argument: 'H' in -H", error("-H"));
        assertEquals("flag needs an argument: --config-file", error("--config-file"));
        assertEquals("flag needs an argument: 'l' in -Dl", error("-Dl"));
    }

    @Test
    void badValues() {
        assertEquals("invalid argument \"bogus\" for \"-H, --host\" flag: "
                + "usage: serveapi PROTO://ADDR [PROTO://ADDR ...]", error("-H", "bogus"));
        assertEquals("invalid argument \"unix://\" for \"-H, --host\" flag: "
                + "usage: serveapi PROTO://ADDR [PROTO://ADDR ...]", error("--host=unix://"));
        assertEquals("invalid argument \"maybe\" for \"--tls\" flag: want true or false", error("--tls=maybe"));
        assertEquals("invalid argument \"loud\" for \"-l, --log-level\" flag: invalid logging level: loud "
                + "(want one of debug, info, warn, error, fatal)", error("-l", "loud"));
        assertEquals("invalid argument \"ftp://reg:5000\" for \"--insecure-registry\" flag: insecure registry "
                + "ftp://reg:5000 should not contain '://'", error("--insecure-registry", "ftp://reg:5000"));
        assertEquals("invalid argument \"kata\" for \"--default-runtime\" flag: default runtime kata does not "
                + "exist (want one of runc, crun)", error("--default-runtime", "kata"));
        assertEquals("invalid argument \"10.0.0.0/33\" for \"--insecure-registry\" flag: invalid CIDR address: "
                + "10.0.0.0/33", error("--insecure-registry=10.0.0.0/33"));
        assertEquals("invalid argument \"reg.example/8\" for \"--insecure-registry\" flag: invalid CIDR address: "
                + "reg.example/8", error("--insecure-registry=reg.example/8"));
    }

    @Test
    void insecureRegistryRepeats() throws UsageException {
        assertEquals(List.of("reg.example:5000", "10.0.0.0/8", "http://other:5000", "fd00::/8"),
                parse("--insecure-registry", "reg.example:5000", "--insecure-registry=10.0.0.0/8",
                        "--insecure-registry", "http://other:5000", "--insecure-registry", "fd00::/8")
                        .settings().list(Directive.INSECURE_REGISTRIES).orElseThrow());
    }

    @Test
    void positionalArguments() {
        assertEquals("\"wharf\" accepts no arguments, got \"serve\"", error("serve"));
        assertEquals("\"wharf\" accepts no arguments, got \"-H\"", error("--", "-H"));
    }

    @Test
    void aLoneDoubleDashEndsTheFlags() throws UsageException {
        assertEquals(Optional.of(true), parse("-D", "--").settings().bool(Directive.DEBUG));
    }
}
