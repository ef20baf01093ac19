package wharf.launcher.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wharf.launcher.internal.DaemonOptions;

class OptionsTest {
    private static final Path HOME = Path.of("/home/u");

    private static DaemonOptions resolve(Map<String, String> env, String... flags) throws UsageException {
        return Options.resolve(CommandLine.parse(List.of(flags)).settings(), env, HOME, "0.1.0");
    }

    @Test
    void defaults() throws UsageException {
        DaemonOptions o = resolve(Map.of());
        assertEquals(List.of("unix:///var/run/wharf.sock"), o.hosts());
        assertNull(o.tls());
        assertNull(o.tlsVerify());
        assertFalse(o.tlsEnabled());
        assertEquals("/home/u/.docker/ca.pem", o.tlsCaCert());
        assertEquals("/home/u/.docker/cert.pem", o.tlsCert());
        assertEquals("/home/u/.docker/key.pem", o.tlsKey());
        assertNull(o.group());
        assertNull(o.apiCorsHeader());
        assertEquals("/var/lib/wharf", o.dataRoot());
        assertFalse(o.debug());
        assertEquals("info", o.logLevel());
        assertEquals("0.1.0", o.version());
        assertEquals(List.of(), o.insecureRegistries());
    }

    @Test
    void insecureRegistriesComeFromFlagsOrTheFile() throws UsageException, ConfigException {
        assertEquals(List.of("reg.example:5000", "10.0.0.0/8"),
                resolve(Map.of(), "--insecure-registry", "reg.example:5000", "--insecure-registry", "10.0.0.0/8")
                        .insecureRegistries());
        Settings file = DaemonConfigFile.parse("{\"insecure-registries\": [\"reg.example:5000\"]}");
        assertEquals(List.of("reg.example:5000"),
                Options.resolve(file, Map.of(), HOME, "0.1.0").insecureRegistries());
    }

    @Test
    void dockerCertPathMovesTheDefaultCertificates() throws UsageException {
        DaemonOptions o = resolve(Map.of("DOCKER_CERT_PATH", "/certs"), "--tlsverify");
        assertTrue(o.tlsEnabled());
        assertEquals("/certs/ca.pem", o.tlsCaCert());
        assertEquals("/certs/key.pem", o.tlsKey());
    }

    @Test
    void flagsWinOverTheFile() throws UsageException, ConfigException {
        Settings file = DaemonConfigFile.parse("{\"group\": \"wheel\", \"data-root\": \"/srv/a\"}");
        Settings flags = CommandLine.parse(List.of("--data-root", "/srv/b/../c", "--tls=false")).settings();
        DaemonOptions o = Options.resolve(file.overlaidWith(flags), Map.of(), HOME, "0.1.0");
        assertEquals("wheel", o.group());
        assertEquals("/srv/c", o.dataRoot());
        assertEquals(Boolean.FALSE, o.tls());
    }

    @Test
    void anEmptyHostListMeansTheDefault() throws ConfigException {
        DaemonOptions o = Options.resolve(DaemonConfigFile.parse("{\"hosts\": []}"), Map.of(), HOME, "0.1.0");
        assertEquals(List.of(Options.DEFAULT_HOST), o.hosts());
    }

    @Test
    void theOptionsSurviveTheirJsonTrip() throws UsageException {
        DaemonOptions o = resolve(Map.of(), "-H", "tcp://127.0.0.1:2376", "--tlsverify=false", "-G", "wheel",
                "--api-cors-header", "", "-D", "-l", "warn", "--insecure-registry", "reg.example:5000");
        assertEquals(o, DaemonOptions.fromJson(o.toJson()));
    }
}
