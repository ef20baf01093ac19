package wharf.transport.tcp.internal;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import wharf.server.transport.ConnectorPublisher;

/**
 * Felix HTTP's ConnectorFactoryTracker in small, for a plain Jetty server: create, add and start the
 * connector, and only swallow a failure, leaving the failed connector on the server untracked.
 */
final class DirectConnectorPublisher {
    private DirectConnectorPublisher() {
    }

    static ConnectorPublisher to(Server server) {
        return (factory, address) -> {
            try {
                Connector connector = factory.createConnector(server);
                server.addConnector(connector);
                connector.start();
                return () -> {
                    LifeCycle.stop(connector);
                    server.removeConnector(connector);
                };
            } catch (Exception swallowedLikeTheTracker) {
                return () -> {
                };
            }
        };
    }
}
