package wharf.server.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.engine.api.system.ServeApi;
import wharf.server.api.ApiVersion;
import wharf.server.api.ServerInfo;
import wharf.server.transport.Listener;

/**
 * What the server's parts share: the settings {@code serveapi} was given, the API window, the
 * gate, the open listeners and the one HTTP configuration every connector uses. A change of its
 * configuration ({@value ServerConfig#PID}) applies in place: reactivating it would restart every
 * server component and close the listeners.
 */
@Component(service = ServerState.class, configurationPid = ServerConfig.PID)
@Designate(ocd = ServerConfig.class)
public final class ServerState {
    private static final Logger LOG = LoggerFactory.getLogger(ServerState.class);
    static final String DEFAULT_VERSION = "0.1.0";

    private volatile Configured configured;
    private final ActivationGate gate = new ActivationGate();
    private final CountDownLatch servletReady = new CountDownLatch(1);
    private final HttpConfiguration http = newHttpConfiguration();
    /** Open listeners by the {@code PROTO://ADDR} serveapi was asked for. */
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    private volatile ServeApi settings = new ServeApi(List.of(), false, false, null, DEFAULT_VERSION, null, null,
            null, null, null, null, true);

    /** The configuration as checked and applied; replaced whole, so readers never see half of a change. */
    private record Configured(ApiVersion apiVersion, ApiVersion minApiVersion, long gateWaitSeconds, String corsOrigin) {
        static Configured of(ServerConfig config) {
            ApiVersion api = ApiVersion.parse(config.apiVersion());
            ApiVersion min = ApiVersion.parse(config.minApiVersion());
            if (api.isBefore(min)) {
                throw new IllegalArgumentException("API version " + api + " is below the minimum " + min);
            }
            String cors = config.corsOrigin() == null ? "" : config.corsOrigin().strip();
            return new Configured(api, min, config.gateWaitSeconds(), cors);
        }
    }

    @Activate
    public ServerState(ServerConfig config) {
        this.configured = Configured.of(config);
    }

    /** A bad change is refused as a whole and the previous configuration stays in force. */
    @Modified
    void modified(ServerConfig config) {
        try {
            configured = Configured.of(config);
            LOG.info("Configuration {} applied: API {} to {}, CORS origin {}", ServerConfig.PID,
                    configured.minApiVersion(), configured.apiVersion(),
                    configured.corsOrigin().isEmpty() ? "from the flags" : configured.corsOrigin());
        } catch (IllegalArgumentException e) {
            LOG.error("Configuration {} refused, the previous one stays: {}", ServerConfig.PID, e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        closeListeners();
    }

    ServerInfo info() {
        String v = settings.version();
        Configured c = configured;
        return new ServerInfo(v == null || v.isBlank() ? DEFAULT_VERSION : v, c.apiVersion(), c.minApiVersion());
    }

    /**
     * The {@code Access-Control-Allow-Origin} to send, or null when CORS is off: the configured
     * origin, else what serveapi was given ({@code *} when CORS is on without an origin).
     */
    String corsOrigin() {
        String configuredOrigin = configured.corsOrigin();
        if (!configuredOrigin.isEmpty()) {
            return configuredOrigin;
        }
        ServeApi s = settings;
        if (!s.enableCors()) {
            return null;
        }
        return s.corsHeaders() == null || s.corsHeaders().isBlank() ? "*" : s.corsHeaders();
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
        return configured.gateWaitSeconds();
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
        // Clients encode the slash of an image name as %2F (docker-java does); Go's router
        // decodes it, so Jetty must let it through rather than refuse it as ambiguous.
        c.setUriCompliance(UriCompliance.DEFAULT.with("wharf", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
        c.setOutputBufferSize(32 * 1024);
        return c;
    }
}
