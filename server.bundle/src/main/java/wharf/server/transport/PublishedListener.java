package wharf.server.transport;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener whose connector a transport published through a {@link ConnectorPublisher}: what
 * {@link Transport#listen} returns once {@link ListenerConnectorFactory#publish} has started it.
 *
 * <p>Closing it withdraws the publication, which stops the connector and releases the address,
 * and then runs the transport's after-close action (the unix transport removes its socket file,
 * every transport forgets the listener). Closing is idempotent and safe from several threads: the
 * first call does the work, later ones return at once, so the serveapi job and a stopping
 * transport may both close the same listener.
 */
public final class PublishedListener implements Listener {
    private static final Logger LOG = LoggerFactory.getLogger(PublishedListener.class);

    private final String address;
    private final ConnectorPublisher.Publication publication;
    private final Consumer<? super Listener> afterClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param address     {@code PROTO://ADDR} as bound, with the actual port where {@code :0} was asked
     * @param publication the published connector factory; closing it stops the connector
     * @param afterClose  runs once, after the publication is withdrawn, with this listener (so a
     *                    transport can drop it from its set of open listeners); must not throw
     */
    public PublishedListener(String address, ConnectorPublisher.Publication publication,
            Consumer<? super Listener> afterClose) {
        this.address = address;
        this.publication = publication;
        this.afterClose = afterClose;
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
        afterClose.accept(this);
        LOG.info("Closed listener {}", address);
    }

    @Override
    public String toString() {
        return address;
    }
}
