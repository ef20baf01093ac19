package wharf.transport.tcp.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.server.transport.ConnectorPublisher;
import wharf.server.transport.Listener;
import wharf.server.transport.ListenerConnectorFactory;
import wharf.server.transport.ListenerException;
import wharf.server.transport.ListenerSpec;
import wharf.server.transport.PublishedListener;

/**
 * Opens {@code tcp://HOST:PORT} listeners on the running Jetty, plain or TLS, and keeps track of
 * them so they can all be closed when the transport goes. Plain Java: the OSGi component only
 * supplies the publisher.
 */
final class TcpListeners {
    private static final Logger LOG = LoggerFactory.getLogger(TcpListeners.class);

    static final String PROTOCOL = "tcp";
    /** How long {@code listen} waits for the HTTP server to start the connector. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final ConnectorPublisher publisher;
    private final Duration startTimeout;
    private final Set<Listener> open = ConcurrentHashMap.newKeySet();

    TcpListeners(ConnectorPublisher publisher, Duration startTimeout) {
        this.publisher = publisher;
        this.startTimeout = startTimeout;
    }

    /**
     * Binds the address and returns once it accepts connections; its {@link Listener#address()}
     * has the port actually bound.
     *
     * @throws ListenerException when the address is malformed, refused by policy, the TLS files
     *                           do not load, or the connector fails to start
     */
    Listener listen(ListenerSpec spec) throws ListenerException {
        String uri = spec.uri();
        if (!PROTOCOL.equals(spec.protocol())) {
            throw new ListenerException(uri + ": the tcp transport serves only tcp:// addresses");
        }
        TcpAddress address = TcpAddress.parse(uri, spec.address());
        ExposurePolicy.check(uri, address, spec);
        ServerTls tls = spec.tls() != null ? ServerTls.load(uri, spec.tls()) : null;
        HttpConfiguration http = tls != null ? ServerTls.https(spec.http()) : spec.http();

        // after the first bind this holds the bound port, so a restarted Jetty binds the same one
        AtomicInteger port = new AtomicInteger(address.port());
        ListenerConnectorFactory factory = new ListenerConnectorFactory(uri,
                server -> connector(server, http, tls, address, port.get()));
        ListenerConnectorFactory.Started started = factory.publish(publisher, startTimeout);
        int bound = ((ServerConnector) started.connector()).getLocalPort();
        port.set(bound);
        Listener listener = new PublishedListener(address.uri(bound), started.publication(), open::remove);
        open.add(listener);
        LOG.info("Listening on {} ({})", listener.address(),
                tls == null ? "plain HTTP" : tls.verifiesClients() ? "TLS, client certificates verified" : "TLS");
        return listener;
    }

    /** Closes every listener still open: the transport is going away. */
    void closeAll() {
        List.copyOf(open).forEach(Listener::close);
    }

    /** The listeners open now. */
    Set<Listener> open() {
        return Set.copyOf(open);
    }

    private static ServerConnector connector(Server server, HttpConfiguration http, ServerTls tls, TcpAddress address,
            int port) {
        HttpConnectionFactory httpFactory = new HttpConnectionFactory(http);
        ServerConnector connector = tls == null
                ? new ServerConnector(server, httpFactory)
                : new ServerConnector(server,
                        new SslConnectionFactory(tls.newSslContextFactory(), httpFactory.getProtocol()), httpFactory);
        connector.setHost(address.bindTo().getHostAddress());
        connector.setPort(port);
        return connector;
    }
}
