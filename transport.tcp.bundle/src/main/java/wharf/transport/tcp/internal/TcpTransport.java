package wharf.transport.tcp.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import wharf.server.transport.Listener;
import wharf.server.transport.ListenerException;
import wharf.server.transport.ListenerSpec;
import wharf.server.transport.ServiceConnectorPublisher;
import wharf.server.transport.Transport;

/**
 * The {@code tcp} transport: {@code serveapi} asks it for {@code tcp://HOST:PORT} listeners. Their
 * connectors are services of this bundle, so stopping it closes them and frees their ports.
 */
@Component(service = Transport.class, property = Transport.PROTOCOL + "=" + TcpListeners.PROTOCOL)
public final class TcpTransport implements Transport {
    private final TcpListeners listeners;

    @Activate
    public TcpTransport(BundleContext context) {
        this.listeners = new TcpListeners(new ServiceConnectorPublisher(context), TcpListeners.START_TIMEOUT);
    }

    @Override
    public Listener listen(ListenerSpec spec) throws ListenerException {
        return listeners.listen(spec);
    }

    @Deactivate
    void deactivate() {
        listeners.closeAll();
    }
}
