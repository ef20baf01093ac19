package wharf.server.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.engine.api.system.ServeApi;
import wharf.server.api.ApiVersion;
import wharf.server.api.ServerInfo;
import wharf.server.transport.Listener;

/**
 * What the server's parts share: the settings {@code serveapi} was given, the API window, the
 * gate, the open listeners and the one HTTP configuration every connector uses.
 */
@Component(service = ServerState.class, configurationPid = ServerConfig.PID)
@Designate(ocd = ServerConfig.class)
public final class ServerState {
    private static final Logger LOG = LoggerFactory.getLogger(ServerState.class);
    static final String DEFAULT_VERSION = "0.1.0";

    private final ApiVersion apiVersion;
    private final ApiVersion minApiVersion;
    private final long gateWaitSeconds;
    private final ActivationGate gate = new ActivationGate();
    private final CountDownLatch servletReady = new CountDownLatch(1);
    private final HttpConfiguration http = newHttpConfiguration();
    /** Open listeners by the {@code PROTO://ADDR} serveapi was asked for. */
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    private volatile ServeApi settings = new ServeApi(List.of(), false, false, null, DEFAULT_VERSION, null, null,
            null, null, null, null, true);

    @Activate
    public ServerState(ServerConfig config) {
        this.apiVersion = ApiVersion.parse(config.apiVersion());
        this.minApiVersion = ApiVersion.parse(config.minApiVersion());
        if (apiVersion.isBefore(minApiVersion)) {
            throw new IllegalArgumentException("API version " + apiVersion + " is below the minimum " + minApiVersion);
        }
        this.gateWaitSeconds = config.gateWaitSeconds();
    }

    @Deactivate
    void deactivate() {
        closeListeners();
    }

    ServerInfo info() {
        String v = settings.version();
        return new ServerInfo(v == null || v.isBlank() ? DEFAULT_VERSION : v, apiVersion, minApiVersion);
    }

    ServeApi settings() {
        return settings;
    }

    void settings(ServeApi settings) {
        this.settings = settings;
    }

    ActivationGate gate() {
        return gate;
    }

    long gateWaitSeconds() {
        return gateWaitSeconds;
    }

    HttpConfiguration http() {
        return http;
    }

    void servletReady() {
        servletReady.countDown();
    }

    boolean awaitServlet(long timeout, TimeUnit unit) throws InterruptedException {
        return servletReady.await(timeout, unit);
    }

    void listening(String asked, Listener listener) {
        listeners.put(asked, listener);
    }

    /** The open listener serveapi made for this {@code PROTO://ADDR}, or null. */
    Listener listener(String asked) {
        return listeners.get(asked);
    }

    /** Forgets the listeners of a protocol whose transport went away, closing them with it. */
    void transportGone(String protocol) {
        listeners.keySet().removeIf(asked -> asked.startsWith(protocol + "://"));
    }

    void closeListeners() {
        for (Listener l : listeners.values()) {
            try {
                l.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing listener {} failed", l.address(), e);
            }
        }
        listeners.clear();
    }

    /** Shared by every connector, since custom connectors do not inherit Felix's settings. */
    private static HttpConfiguration newHttpConfiguration() {
        HttpConfiguration c = new HttpConfiguration();
        c.setSendServerVersion(false);
        c.setSendXPoweredBy(false);
        c.setSendDateHeader(true);
        c.setRequestHeaderSize(64 * 1024);
        c.setOutputBufferSize(32 * 1024);
        return c;
    }
}
