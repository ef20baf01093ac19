package wharf.transport.unix.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.server.transport.ConnectorPublisher;
import wharf.server.transport.Listener;

/** An open unix socket listener; closing it withdraws its connector and removes the socket file. */
final class UnixSocketListener implements Listener {
    private static final Logger LOG = LoggerFactory.getLogger(UnixSocketListener.class);

    private final String address;
    private final Path path;
    private final ConnectorPublisher.Publication publication;
    private final Consumer<Listener> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    UnixSocketListener(String address, Path path, ConnectorPublisher.Publication publication,
            Consumer<Listener> onClose) {
        this.address = address;
        this.path = path;
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
        try {
            // Jetty removes the file when its connector stops; not if the HTTP server was already gone
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Could not remove socket file {}: {}", path, e.toString());
        }
        onClose.accept(this);
        LOG.info("Closed listener {}", address);
    }

    @Override
    public String toString() {
        return address;
    }
}
