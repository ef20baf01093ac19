package wharf.transport.unix.internal;

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
 * The {@code unix} transport: {@code serveapi} asks it for {@code unix://PATH} listeners. Their
 * connectors are services of this bundle, so stopping it closes them and their sockets.
 */
@Component(service = Transport.class, property = Transport.PROTOCOL + "=" + UnixSocketListeners.PROTOCOL)
public final class UnixTransport implements Transport {
    private final UnixSocketListeners listeners;

    @Activate
    public UnixTransport(BundleContext context) {
        this.listeners = new UnixSocketListeners(new ServiceConnectorPublisher(context), UnixSocketListeners.START_TIMEOUT);
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
