package wharf.server.transport;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Opens listeners for one protocol. Registered as a service with {@link #PROTOCOL}; the
 * {@code serveapi} job picks the transport by the address's protocol. Listeners a transport
 * opened are closed when its bundle stops.
 */
@ConsumerType
public interface Transport {
    /** Service property: the protocol served, {@code unix} or {@code tcp}. */
    String PROTOCOL = "wharf.transport.protocol";

    /**
     * Opens a listener and returns once it accepts connections.
     *
     * @throws ListenerException when the address is malformed, in use, or refused by policy
     */
    Listener listen(ListenerSpec spec) throws ListenerException;
}
