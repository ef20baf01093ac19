package wharf.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import wharf.engine.api.Engine;
import wharf.engine.api.system.Listening;
import wharf.engine.api.system.ServeApi;
import wharf.engine.api.system.SystemJobs;
import wharf.server.api.RouteGroup;
import wharf.server.transport.Transport;

/**
 * The real framework every test runs in: Felix with SCR, ConfigAdmin, Felix HTTP on Jetty 12,
 * Jackson, Bouncy Castle and the Wharf bundles, all provisioned by file URL from the copies the
 * build made, so nothing is fetched while the tests run. Each test gets its own framework
 * (Pax Exam's default per-method reactor) and its own temporary directory for socket files.
 */
public abstract class WharfTestSupport {
    /** Logging comes first: slf4j-api needs SPI Fly's ServiceLoader mediator and a provider at start. */
    private static final List<String> LOGGING = List.of("org.apache.aries.spifly", "slf4j-");

    @Inject
    protected Engine engine;

    @Inject
    protected BundleContext context;

    /** Where a test puts its socket files and certificates; short, for the 108-byte socket path limit. */
    protected Path tmp;

    @Configuration
    public Option[] configuration() throws IOException {
        Path bundles = Path.of(System.getProperty("it.bundles"));
        Path data = Files.createDirectories(Path.of(System.getProperty("it.data")));
        List<Option> options = new ArrayList<>();
        options.add(cleanCaches());
        options.add(junitBundles());
        // Felix HTTP builds its Jetty only with a connector of its own (org.apache.felix.http.enable=false
        // leaves it unstarted, and the connector factories with it): give it an ephemeral loopback port
        // that nothing uses; every API listener comes from serveapi.
        options.add(frameworkProperty("org.osgi.service.http.port").value("0"));
        options.add(frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"));
        options.add(frameworkProperty("wharf.data.root").value(Files.createTempDirectory(data, "root").toString()));
        try (Stream<Path> jars = Files.list(bundles)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jar -> {
                boolean logging = LOGGING.stream().anyMatch(jar.getFileName().toString()::startsWith);
                options.add(bundle(jar.toUri().toString()).startLevel(logging ? 1 : 2).start());
            });
        }
        return options.toArray(Option[]::new);
    }

    @Before
    public void createTmp() throws IOException {
        tmp = Files.createTempDirectory("wharf-it");
    }

    @After
    public void deleteTmp() throws IOException {
        try (Stream<Path> all = Files.walk(tmp)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Waits until what a daemon start needs is registered: the two system jobs, both transports
     * and the system routes. Bundles start in order but their components register asynchronously.
     */
    protected void awaitDaemonParts() throws InterruptedException {
        Await.until("serveapi, acceptconnections, the unix and tcp transports and the system routes",
                () -> engine.handles(SystemJobs.SERVE_API) && engine.handles(SystemJobs.ACCEPT_CONNECTIONS)
                        && transport("unix") && transport("tcp") && routeGroup("system"));
    }

    protected boolean transport(String protocol) throws InvalidSyntaxException {
        return context.getServiceReferences(Transport.class, "(" + Transport.PROTOCOL + "=" + protocol + ")").size() > 0;
    }

    protected boolean routeGroup(String name) throws InvalidSyntaxException {
        return context.getServiceReferences(RouteGroup.class, "(" + RouteGroup.NAME + "=" + name + ")").size() > 0;
    }

    /** serveapi as the launcher runs it without TLS, holding early requests. */
    protected static ServeApi plain(String... addresses) {
        return new ServeApi(List.of(addresses), false, false, null, "test", null, null, null, null, null, null, true);
    }

    protected Listening serveApi(ServeApi env) {
        return engine.run(SystemJobs.SERVE_API, env);
    }

    protected void acceptConnections() {
        engine.run(SystemJobs.ACCEPT_CONNECTIONS, null);
    }

    /** The daemon as the launcher starts it: serveapi on the addresses, then acceptconnections. */
    protected Listening startDaemon(String... addresses) throws InterruptedException {
        awaitDaemonParts();
        Listening listening = serveApi(plain(addresses));
        acceptConnections();
        return listening;
    }

    /** The port serveapi bound for the first {@code tcp://} listener. */
    protected static int tcpPort(Listening listening) {
        return listening.addresses().stream().filter(a -> a.startsWith("tcp://")).findFirst()
                .map(a -> URI.create(a).getPort())
                .orElseThrow(() -> new AssertionError("no tcp listener in " + listening.addresses()));
    }

    protected Bundle installed(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("bundle " + symbolicName + " is not installed");
    }

    /** GET or HEAD on a fresh unix-socket connection. */
    protected static RawHttp.Response unixRequest(Path socket, String method, String path) throws Exception {
        try (RawHttp c = RawHttp.unix(socket)) {
            return c.request(method, path);
        }
    }

    protected static RawHttp.Response tcpRequest(int port, String method, String path) throws Exception {
        try (RawHttp c = RawHttp.tcp(port)) {
            return c.request(method, path);
        }
    }

    /** True when nothing listens on the socket: connecting fails. */
    protected static boolean refused(Path socket) {
        try (RawHttp c = RawHttp.unix(socket)) {
            return false;
        } catch (Exception e) {
            return true;
        }
    }
}
