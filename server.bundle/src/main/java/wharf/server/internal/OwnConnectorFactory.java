package wharf.server.internal;

import java.util.Arrays;
import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every listener come from {@code serveapi}. Felix HTTP starts Jetty only with a network
 * connector of its own on a positive port, and stops it again when no connector is left; this
 * factory gives Jetty an in-memory {@link LocalConnector} (no socket) and, when Jetty takes it,
 * closes the connectors Jetty started with, so Felix's own port is open for no longer than
 * Jetty's start-up. Start this bundle before Felix HTTP so that Jetty keeps running even when
 * Felix's own port cannot be bound.
 */
@Component(service = ConnectorFactory.class)
public final class OwnConnectorFactory implements ConnectorFactory {
    private static final Logger LOG = LoggerFactory.getLogger(OwnConnectorFactory.class);

    private final ServerState state;

    @Activate
    public OwnConnectorFactory(@Reference ServerState state) {
        this.state = state;
    }

    @Override
    public Connector createConnector(Server server) {
        Connector[] started = server.getConnectors();
        for (Connector c : started) {
            try {
                c.stop();
            } catch (Exception e) {
                LOG.warn("Could not stop Felix HTTP's own connector {}", c, e);
            }
            server.removeConnector(c);
        }
        if (started.length > 0) {
            LOG.debug("Closed Felix HTTP's own connectors {}: every listener comes from serveapi",
                    Arrays.toString(started));
        }
        LocalConnector local = new LocalConnector(server, new HttpConnectionFactory(state.http()));
        local.setName("wharf-local");
        return local;
    }
}
