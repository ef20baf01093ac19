package wharf.server.transport;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Hands a listener's connector factory to the running Jetty. A transport only calls it; in the
 * framework the implementation is {@link ServiceConnectorPublisher}, whose services Felix HTTP's
 * connector tracker turns into started connectors.
 *
 * <p>The contract is the tracker's: {@link #publish} creates the factory's connector, adds it to the
 * server and starts it, and a connector that fails to start is left on the server without an
 * exception (see {@link ListenerConnectorFactory}); withdrawing stops and removes a started connector.
 */
@ProviderType
@FunctionalInterface
public interface ConnectorPublisher {

    /**
     * Publishes {@code factory} for the listener at {@code address}.
     *
     * @param address the listener's {@code PROTO://ADDR}, to tell publications apart
     * @return the publication; closing it withdraws the factory, which stops and removes its connector
     */
    Publication publish(ConnectorFactory factory, String address);

    /** A published factory. */
    @ProviderType
    interface Publication extends AutoCloseable {
        /** Withdraws the factory; idempotent. */
        @Override
        void close();
    }
}
