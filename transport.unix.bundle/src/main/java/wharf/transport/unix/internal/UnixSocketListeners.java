package wharf.transport.unix.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.server.transport.ConnectorPublisher;
import wharf.server.transport.Listener;
import wharf.server.transport.ListenerConnectorFactory;
import wharf.server.transport.ListenerException;
import wharf.server.transport.ListenerSpec;
import wharf.server.transport.PublishedListener;

/**
 * Opens {@code unix://PATH} listeners on the running Jetty and keeps track of them, so they can
 * all be closed when the transport goes. Plain Java: the OSGi component only supplies the publisher.
 */
final class UnixSocketListeners {
    private static final Logger LOG = LoggerFactory.getLogger(UnixSocketListeners.class);

    static final String PROTOCOL = "unix";
    /** How long {@code listen} waits for the HTTP server to start the connector. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final ConnectorPublisher publisher;
    private final Duration startTimeout;
    private final Set<Listener> open = ConcurrentHashMap.newKeySet();

    UnixSocketListeners(ConnectorPublisher publisher, Duration startTimeout) {
        this.publisher = publisher;
        this.startTimeout = startTimeout;
    }

    /**
     * Binds the socket, gives it mode 0660 and its group, and returns once it accepts connections.
     *
     * @throws ListenerException when the path is unusable or taken, the group does not exist, or the connector fails to start
     */
    Listener listen(ListenerSpec spec) throws ListenerException {
        String uri = spec.uri();
        if (!PROTOCOL.equals(spec.protocol())) {
            throw new ListenerException(uri + ": the unix transport serves only unix:// addresses");
        }
        Path path = SocketPath.parse(uri, spec.address());
        SocketAccess access = SocketAccess.resolve(uri, spec.socketGroup());
        SocketPath.clear(uri, path);

        ListenerConnectorFactory factory = new ListenerConnectorFactory(uri,
                server -> new UnixSocketConnector(server, spec.http(), path, access));
        ListenerConnectorFactory.Started started = factory.publish(publisher, startTimeout);
        Listener listener = new PublishedListener(uri, started.publication(), closed -> {
            SocketPath.remove(path);
            open.remove(closed);
        });
        open.add(listener);
        LOG.info("Listening on {} (group {}, mode 0660)", uri,
                access.group() != null ? access.group().getName() : "unchanged");
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
}
