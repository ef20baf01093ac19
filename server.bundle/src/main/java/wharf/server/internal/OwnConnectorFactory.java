package wharf.server.internal;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.ee10.servlet.ServletHandler;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every listener come from {@code serveapi}. Felix HTTP Jetty 1.1.8 builds its Jetty only
 * with HTTP enabled on a positive port, and registers the whiteboard only if a connector is up
 * once its ConnectorFactory tracker has opened. So the launcher gives Felix a free loopback port,
 * and this factory, handed the Jetty as soon as it runs, stops and removes the connector on that
 * port and gives Jetty in its place an in-memory {@link LocalConnector} that opens no socket.
 * Connectors of other factories (the transports' listeners) are left alone, also when this
 * bundle is updated while they serve. Felix HTTP must be started before this bundle: it reads
 * endpoint properties from every connector present when it registers the whiteboard and fails
 * on any that is not a TCP {@code ServerConnector}.
 */
@Component(service = ConnectorFactory.class)
public final class OwnConnectorFactory implements ConnectorFactory {
    /** The framework property Felix HTTP takes its own port from. */
    static final String HTTP_PORT = "org.osgi.service.http.port";
    private static final Logger LOG = LoggerFactory.getLogger(OwnConnectorFactory.class);

    private final ServerState state;
    private final int felixPort;

    @Activate
    public OwnConnectorFactory(@Reference ServerState state, BundleContext context) {
        this(state, port(context.getProperty(HTTP_PORT)));
    }

    OwnConnectorFactory(ServerState state, int felixPort) {
        this.state = state;
        this.felixPort = felixPort;
    }

    @Override
    public Connector createConnector(Server server) {
        for (Connector c : server.getConnectors()) {
            if (c instanceof ServerConnector sc && sc.getPort() == felixPort) {
                retire(server, sc);
            }
        }
        // Image names travel with their slash encoded as %2F (docker-java does this); Go's router
        // decodes it, and the servlet layer refuses it unless told to decode it too.
        for (ServletHandler handler : server.getDescendants(ServletHandler.class)) {
            handler.setDecodeAmbiguousURIs(true);
        }
        LocalConnector local = new LocalConnector(server, new HttpConnectionFactory(state.http()));
        local.setName("wharf-local");
        return local;
    }

    private static void retire(Server server, ServerConnector connector) {
        try {
            connector.stop();
        } catch (Exception e) {
            LOG.warn("Stopping Felix HTTP's own connector on port {} failed", connector.getPort(), e);
        }
        server.removeConnector(connector);
        LOG.debug("Closed Felix HTTP's own connector on port {}: every listener comes from serveapi",
                connector.getPort());
    }

    private static int port(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
