package wharf.launcher.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wharf.launcher.internal.DaemonOptions;

class FrameworkPropertiesTest {
    private static final DaemonOptions OPTIONS = new DaemonOptions(List.of("unix:///tmp/w.sock"), null, null,
            "/c/ca.pem", "/c/cert.pem", "/c/key.pem", null, null, "/srv/wharf", false, "info", "0.1.0",
            List.of("reg.example:5000", "10.0.0.0/8"), "crun");
    private static final Distribution DIST = new Distribution(Path.of("/opt/wharf"));

    private static Map<String, String> properties(int javaFeature) {
        return FrameworkProperties.of(OPTIONS, DIST, Path.of("/tmp/osgi"), 40123, javaFeature, "2.0.17");
    }

    @Test
    void virtualThreadsWhereTheJdkHasThem() {
        Map<String, String> p = properties(25);
        assertEquals("true", p.get("org.apache.felix.http.jetty.virtualthreads.enable"));
        assertNull(p.get("org.apache.felix.http.jetty.threadpool.max"));
    }

    @Test
    void aLargerPoolOnJava17() {
        Map<String, String> p = properties(17);
        assertNull(p.get("org.apache.felix.http.jetty.virtualthreads.enable"));
        assertEquals("500", p.get("org.apache.felix.http.jetty.threadpool.max"));
    }

    @Test
    void felixHttpOnlyBootstrapsOnLoopback() {
        Map<String, String> p = properties(25);
        assertEquals("true", p.get("org.apache.felix.http.enable"));
        assertEquals("false", p.get("org.apache.felix.https.enable"));
        assertEquals("127.0.0.1", p.get("org.apache.felix.http.host"));
        assertEquals("40123", p.get(FrameworkProperties.HTTP_PORT));
        assertEquals("false", p.get("org.apache.felix.http.jetty.sendServerHeader"));
    }

    @Test
    void storageHotDeployAndWhatTheBundlesRead() {
        Map<String, String> p = properties(25);
        assertEquals("/tmp/osgi", p.get("org.osgi.framework.storage"));
        assertEquals("onFirstInit", p.get("org.osgi.framework.storage.clean"));
        assertEquals("/opt/wharf/deploy", p.get("felix.fileinstall.dir"));
        assertEquals("250", p.get("felix.fileinstall.poll"));
        assertEquals("true", p.get("felix.fileinstall.bundles.new.start"));
        assertEquals("/srv/wharf", p.get(FrameworkProperties.DATA_ROOT));
        assertEquals("reg.example:5000,10.0.0.0/8", p.get(FrameworkProperties.INSECURE_REGISTRIES));
        assertEquals("crun", p.get(FrameworkProperties.DEFAULT_RUNTIME));
        assertEquals(OPTIONS, DaemonOptions.fromJson(p.get(DaemonOptions.PROPERTY)));
    }

    @Test
    void theSystemBundleExportsSlf4j() {
        assertEquals("org.slf4j;version=2.0.17,org.slf4j.event;version=2.0.17,org.slf4j.helpers;version=2.0.17,"
                + "org.slf4j.spi;version=2.0.17", properties(17).get("org.osgi.framework.system.packages.extra"));
    }

    @Test
    void debugLetsFelixWarn() {
        DaemonOptions debug = new DaemonOptions(OPTIONS.hosts(), null, null, null, null, null, null, null, "/d", true,
                "info", "0.1.0", List.of(), null);
        assertEquals("2", FrameworkProperties.of(debug, DIST, Path.of("/t"), 1, 17, "2.0.17").get("felix.log.level"));
        assertEquals("1", properties(17).get("felix.log.level"));
    }
}
