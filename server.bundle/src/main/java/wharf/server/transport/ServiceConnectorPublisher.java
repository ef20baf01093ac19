package wharf.server.transport;

import java.util.Hashtable;
import org.apache.felix.http.jetty.ConnectorFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Publishes connector factories as {@link ConnectorFactory} services, which Felix HTTP's tracker
 * adds to its Jetty and starts, and stops and removes when they are unregistered. Give it the
 * transport bundle's own context: the services then belong to that bundle, so the framework
 * withdraws them, and their connectors close, when it stops.
 */
public final class ServiceConnectorPublisher implements ConnectorPublisher {
    /** Service property on each factory: the listener's {@code PROTO://ADDR}, to tell them apart. */
    public static final String ADDRESS = "wharf.transport.address";

    private final BundleContext context;

    /** @param context the context of the bundle the connectors belong to */
    public ServiceConnectorPublisher(BundleContext context) {
        this.context = context;
    }

    @Override
    public Publication publish(ConnectorFactory factory, String address) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ADDRESS, address);
        ServiceRegistration<ConnectorFactory> registration =
                context.registerService(ConnectorFactory.class, factory, properties);
        return () -> {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregistered it when the bundle stopped
            }
        };
    }
}
