package wharf.launcher.main;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleRevision;
import org.slf4j.LoggerFactory;
import wharf.launcher.internal.DaemonOptions;

/**
 * The framework run: boots Felix with every bundle in {@code bundle/} (and {@code console/} with
 * {@code --console}), hands the in-framework starter a way to report a fatal error, and stops the
 * framework on SIGTERM/SIGINT or on that error.
 * Only {@code org.osgi.framework} types are used, so any framework on the classpath would do.
 */
final class Daemon {
    /** Service property of the fatal-error {@link Consumer} this registers for the starter. */
    static final String FATAL = "wharf.launcher.fatal";
    static final String LAUNCHER = "wharf.launcher";
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Framework framework;
    private final Path storage;
    private final PrintStream err;
    private final AtomicReference<String> fatal = new AtomicReference<>();
    /** Whoever sets this decides the exit: the main thread or the shutdown hook. */
    private final AtomicBoolean exitClaimed = new AtomicBoolean();
    private final CountDownLatch booted = new CountDownLatch(1);

    private Daemon(Framework framework, Path storage, PrintStream err) {
        this.framework = framework;
        this.storage = storage;
        this.err = err;
    }

    /**
     * Runs the daemon until its framework stops.
     *
     * @param console whether to start the Gogo shell of {@code console/} on this process's stdin/stdout
     * @return the exit code: 0 after a clean stop, 1 after a fatal error
     * @throws ConfigException when the framework or a bundle cannot start
     */
    static int run(DaemonOptions options, Distribution dist, boolean console, PrintStream err)
            throws ConfigException {
        List<Path> consoleJars = console ? consoleJars(dist) : List.of();
        Path storage;
        try {
            storage = Files.createTempDirectory("wharf-osgi-");
        } catch (IOException e) {
            throw new ConfigException("cannot create the framework's storage: " + e.getMessage(), e);
        }
        Map<String, String> properties = FrameworkProperties.of(options, dist, storage, freeLoopbackPort(),
                Runtime.version().feature(), slf4jVersion());
        if (console) {
            properties.putAll(FrameworkProperties.CONSOLE);
        }
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, Daemon.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new ConfigException("no OSGi framework on the classpath (lib/)"));
        Daemon daemon = new Daemon(factory.newFramework(properties), storage, err);
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::onSignal, "wharf-shutdown"));
        try {
            daemon.boot(dist, consoleJars);
        } catch (ConfigException | RuntimeException e) {
            if (!daemon.exitClaimed.compareAndSet(false, true)) {
                return 0; // a signal came while booting: the hook stops the daemon and picks the exit
            }
            daemon.stopAndClean();
            throw e instanceof ConfigException c ? c : new ConfigException(describe(e), e);
        } finally {
            daemon.booted.countDown();
        }
        return daemon.awaitStop();
    }

    /**
     * Installs {@code bundle/} in name order, starts it, and starts {@value #LAUNCHER} after it; then
     * the console's bundles, so that the shell comes up on a daemon that is already starting.
     */
    private void boot(Distribution dist, List<Path> consoleJars) throws ConfigException {
        try {
            framework.init();
            BundleContext context = framework.getBundleContext();
            List<Bundle> installed = new ArrayList<>();
            for (Path jar : dist.bundleJars()) {
                try (InputStream in = Files.newInputStream(jar)) {
                    installed.add(context.installBundle(jar.toUri().toString(), in));
                }
            }
            framework.start();
            Bundle launcher = null;
            for (Bundle b : installed) {
                if (LAUNCHER.equals(b.getSymbolicName())) {
                    launcher = b;
                } else if (!isFragment(b)) {
                    start(b);
                }
            }
            if (launcher == null) {
                throw new ConfigException("the " + LAUNCHER + " bundle is missing from " + dist.bundles());
            }
            // the starter inside reports a daemon that cannot come up through this service
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(FATAL, Boolean.TRUE);
            context.registerService(Consumer.class.getName(), (Consumer<String>) this::onFatal, props);
            start(launcher);
            // all installed before any starts: gogo.command needs gogo.runtime's packages to resolve
            List<Bundle> console = new ArrayList<>();
            for (Path jar : consoleJars) {
                try (InputStream in = Files.newInputStream(jar)) {
                    console.add(context.installBundle(jar.toUri().toString(), in));
                }
            }
            for (Bundle b : console) {
                start(b);
            }
        } catch (BundleException | IOException e) {
            throw new ConfigException("cannot start the OSGi framework: " + describe(e), e);
        }
    }

    private static List<Path> consoleJars(Distribution dist) throws ConfigException {
        if (!Files.isDirectory(dist.console())) {
            throw new ConfigException("--console: the distribution has no " + dist.console());
        }
        List<Path> jars = dist.consoleJars();
        if (jars.isEmpty()) {
            throw new ConfigException("--console: no bundles in " + dist.console());
        }
        return jars;
    }

    private static void start(Bundle b) throws ConfigException {
        try {
            b.start();
        } catch (BundleException e) {
            throw new ConfigException("cannot start bundle " + b.getSymbolicName() + " (" + b.getLocation() + "): "
                    + describe(e), e);
        }
    }

    private static boolean isFragment(Bundle b) {
        BundleRevision revision = b.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    /** The exception's message and, when it has one, its root cause's: an activator's error is in the cause. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(e.getMessage());
        return root == e ? message : message + ": " + root;
    }

    /** Called by the in-framework starter when the daemon cannot come up. */
    private void onFatal(String message) {
        if (!fatal.compareAndSet(null, message)) {
            return;
        }
        err.println("wharf: " + message);
        // Framework.stop returns at once; the main thread sees the stop and exits with 1
        try {
            framework.stop();
        } catch (BundleException e) {
            err.println("wharf: cannot stop the OSGi framework: " + e.getMessage());
            Runtime.getRuntime().halt(1);
        }
        Thread watchdog = new Thread(() -> {
            if (!awaitStopped()) {
                err.println("wharf: the daemon did not stop within " + STOP_TIMEOUT.toSeconds() + " s");
                Runtime.getRuntime().halt(1);
            }
        }, "wharf-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** The main thread's wait; when the hook is stopping the daemon, the hook decides the exit. */
    private int awaitStop() {
        FrameworkEvent event;
        try {
            event = framework.waitForStop(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        if (!exitClaimed.compareAndSet(false, true)) {
            return 0;
        }
        deleteStorage();
        return fatal.get() != null || event.getType() == FrameworkEvent.ERROR ? 1 : 0;
    }

    /** SIGTERM/SIGINT: stop the framework gracefully (the transports remove their socket files). */
    private void onSignal() {
        if (!exitClaimed.compareAndSet(false, true)) {
            return;
        }
        try {
            // a boot still under way fails fast once the framework stops; let it finish failing
            framework.stop();
            booted.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (BundleException e) {
            err.println("wharf: cannot stop the OSGi framework: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean stopped = stopAndClean();
        if (!stopped) {
            err.println("wharf: the daemon did not stop within " + STOP_TIMEOUT.toSeconds() + " s");
        }
        // Runtime.exit may not be called from a shutdown hook; halt ends the JVM with our status
        Runtime.getRuntime().halt(stopped && fatal.get() == null ? 0 : 1);
    }

    private boolean stopAndClean() {
        boolean stopped;
        try {
            framework.stop();
            stopped = awaitStopped();
        } catch (BundleException e) {
            err.println("wharf: cannot stop the OSGi framework: " + e.getMessage());
            stopped = false;
        }
        deleteStorage();
        return stopped;
    }

    private boolean awaitStopped() {
        try {
            return framework.waitForStop(STOP_TIMEOUT.toMillis()).getType() != FrameworkEvent.WAIT_TIMEDOUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void deleteStorage() {
        try (Stream<Path> files = Files.walk(storage)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            err.println("wharf: cannot delete " + storage + ": " + e.getMessage());
        }
    }

    /**
     * A loopback port nobody listens on now, for Felix HTTP's own connector, which wharf.server
     * closes as soon as Jetty runs (see {@link FrameworkProperties}).
     */
    private static int freeLoopbackPort() throws ConfigException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new ConfigException("cannot find a free loopback port: " + e.getMessage(), e);
        }
    }

    /** The slf4j-api on the classpath, whose packages the system bundle exports. */
    private static String slf4jVersion() throws ConfigException {
        String version = LoggerFactory.class.getPackage().getImplementationVersion();
        if (version == null) {
            throw new ConfigException("cannot tell the version of slf4j-api in lib/");
        }
        return version;
    }
}
