package wharf.launcher.main;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.Constants;
import wharf.launcher.internal.DaemonOptions;

/** The framework's configuration: storage, hot deploy, Felix HTTP, and what the bundles inside read. */
final class FrameworkProperties {
    /** The framework property naming the data root, for the bundles that keep state. */
    static final String DATA_ROOT = "wharf.data.root";
    /**
     * The framework property listing {@code --insecure-registry} values, comma-separated, for the
     * image store's registry client and {@code /info}.
     */
    static final String INSECURE_REGISTRIES = "wharf.insecure.registries";
    /** The framework property naming {@code --default-runtime}, for the runtime driver; absent when not given. */
    static final String DEFAULT_RUNTIME = "wharf.runtime.default";
    /** Jetty on platform threads: streams (logs -f, attach, events) each hold one, so allow many. */
    static final int PLATFORM_THREADS = 500;
    /**
     * How often FileInstall looks at deploy/: a jar dropped there is live within about two polls, so
     * this keeps a hot install under the promised second; a scan of one folder is cheap.
     */
    static final long DEPLOY_POLL_MS = 250;
    /** Felix HTTP's port for its own connector; the server bundle closes the connector on it. */
    static final String HTTP_PORT = "org.osgi.service.http.port";

    /**
     * Added with {@code --console}. The Gogo shell reads stdin; at its end of input (stdin closed, or
     * not a terminal and empty) only the shell stops, not the daemon: {@code stop 0} or a signal does that.
     */
    static final Map<String, String> CONSOLE = Map.of("gosh.args", "--noshutdown");

    private FrameworkProperties() {
    }

    /**
     * @param storage       a fresh folder for the framework's cache, deleted on exit
     * @param bootstrapPort a free loopback port for Felix HTTP's own connector (see below)
     * @param javaFeature   the running Java's feature release, {@code Runtime.version().feature()}
     * @param slf4jVersion  the version of the slf4j-api jar on the classpath
     */
    static Map<String, String> of(DaemonOptions options, Distribution dist, Path storage, int bootstrapPort,
            int javaFeature, String slf4jVersion) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // Felix's own log goes to stdout; keep it to errors (warnings in debug mode)
        p.put("felix.log.level", options.debug() ? "2" : "1");
        // SLF4J lives on the classpath and the system bundle exports it, so slf4j-api finds its
        // provider with the JDK's own ServiceLoader. As bundles, slf4j-api needs SPI Fly's weaving,
        // and SPI Fly 1.3.7's ASM cannot read Java 25's class files ("Unsupported class file major
        // version 69"), which breaks Felix HTTP's start on the JDK that has virtual threads.
        p.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, slf4jPackages(slf4jVersion));

        // deploy/: bundles and configurations dropped there are installed, updated and removed live
        p.put("felix.fileinstall.dir", dist.deploy().toString());
        p.put("felix.fileinstall.poll", Long.toString(DEPLOY_POLL_MS));
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.bundles.new.start", "true");
        p.put("felix.fileinstall.filter", ".*\\.(jar|cfg|config)");
        p.put("felix.fileinstall.enableConfigSave", "false");

        // Felix HTTP Jetty 1.1.8 starts its Jetty, opens the ConnectorFactory tracker and registers the
        // HTTP whiteboard only when HTTP or HTTPS is enabled AND a connector is up at that moment:
        // with org.apache.felix.http.enable=false it logs "Jetty not started (HTTP and HTTPS disabled)"
        // and the transports' ConnectorFactory services are never tracked. So its own connector is
        // on, bound to a free loopback port, and wharf.server's OwnConnectorFactory closes it as soon as Jetty
        // runs, before serveapi: every listener the daemon keeps comes from serveapi.
        p.put("org.apache.felix.http.enable", "true");
        p.put("org.apache.felix.https.enable", "false");
        p.put("org.apache.felix.http.host", "127.0.0.1");
        p.put(HTTP_PORT, Integer.toString(bootstrapPort));
        p.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        if (javaFeature >= 21) {
            p.put("org.apache.felix.http.jetty.virtualthreads.enable", "true");
        } else {
            p.put("org.apache.felix.http.jetty.threadpool.max", Integer.toString(PLATFORM_THREADS));
        }

        p.put(DATA_ROOT, options.dataRoot());
        p.put(INSECURE_REGISTRIES, String.join(",", options.insecureRegistries()));
        if (options.defaultRuntime() != null) {
            p.put(DEFAULT_RUNTIME, options.defaultRuntime());
        }
        p.put(DaemonOptions.PROPERTY, options.toJson());
        return p;
    }

    /** The packages slf4j-api exports, at its version. */
    static String slf4jPackages(String version) {
        return Stream.of("org.slf4j", "org.slf4j.event", "org.slf4j.helpers", "org.slf4j.spi")
                .map(pkg -> pkg + ";version=" + version)
                .collect(Collectors.joining(","));
    }
}
