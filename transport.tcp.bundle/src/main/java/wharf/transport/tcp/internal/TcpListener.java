package wharf.transport.tcp.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.server.transport.ConnectorPublisher;
import wharf.server.transport.Listener;

/** An open tcp listener; closing it withdraws its connector, which releases the port. */
final class TcpListener implements Listener {
    private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);

    private final String address;
    private final ConnectorPublisher.Publication publication;
    private final Consumer<Listener> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    TcpListener(String address, ConnectorPublisher.Publication publication, Consumer<Listener> onClose) {
        this.address = address;
        this.publication = publication;
        this.onClose = onClose;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        publication.close();
        onClose.accept(this);
        LOG.info("Closed listener {}", address);
    }

    @Override
    public String toString() {
        return address;
    }
}
