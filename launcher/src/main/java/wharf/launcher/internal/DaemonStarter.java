package wharf.launcher.internal;

import java.time.Duration;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.engine.api.Engine;
import wharf.engine.api.system.ServeApi;
import wharf.engine.api.system.SystemJobs;

/**
 * The inside half of Docker 1.2's {@code mainDaemon}: once the server handles {@code serveapi}, runs
 * it with the options bin/wharf resolved, then {@code acceptconnections}. It works on its own
 * thread so that activation never waits on the server. When the daemon cannot come up, it tells
 * bin/wharf through the fatal {@link Consumer} that bin/wharf registered, which stops the framework
 * and exits with 1.
 */
@Component(immediate = true)
public final class DaemonStarter {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Logger LOG = LoggerFactory.getLogger(DaemonStarter.class);

    private final Engine engine;
    private final Consumer<String> fatal;
    private final String options;
    private final Thread thread;
    private volatile boolean deactivated;
    private volatile boolean started;

    @Activate
    public DaemonStarter(@Reference Engine engine,
            @Reference(target = "(wharf.launcher.fatal=true)") Consumer<String> fatal, BundleContext context) {
        this.engine = engine;
        this.fatal = fatal;
        this.options = context.getProperty(DaemonOptions.PROPERTY);
        this.thread = new Thread(this::start, "wharf-daemon-start");
        thread.setDaemon(true);
        thread.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        deactivated = true;
        thread.interrupt();
        thread.join(WAIT.toMillis());
        if (started) {
            LOG.info("Daemon shutting down");
        }
    }

    private void start() {
        try {
            if (options == null) {
                throw new IllegalStateException("the framework property " + DaemonOptions.PROPERTY
                        + " is missing: start the daemon with bin/wharf");
            }
            ServeApi serveApi = serveApi(DaemonOptions.fromJson(options));
            awaitServeApiHandler();
            engine.run(SystemJobs.SERVE_API, serveApi);
            engine.run(SystemJobs.ACCEPT_CONNECTIONS, null);
            started = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!deactivated) {
                LOG.debug("The daemon did not start", e);
                fatal.accept(message(e));
            }
        }
    }

    /**
     * Docker 1.2's serveapi env from the options: requests are held until acceptconnections, and
     * each one is logged when debugging, as dockerd does.
     */
    static ServeApi serveApi(DaemonOptions o) {
        boolean tls = o.tlsEnabled();
        return new ServeApi(o.hosts(), o.debug(), o.apiCorsHeader() != null, o.apiCorsHeader(), o.version(), o.group(),
                o.tls(), o.tlsVerify(), tls ? o.tlsCaCert() : null, tls ? o.tlsCert() : null,
                tls ? o.tlsKey() : null, true);
    }

    private void awaitServeApiHandler() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!engine.handles(SystemJobs.SERVE_API)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no bundle handles the serveapi job after " + WAIT.toSeconds()
                        + " s; is wharf.server installed and active?");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static String message(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
