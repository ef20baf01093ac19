package wharf.server.transport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector factory behind one listener, and the way a transport opens it: {@link #publish}
 * hands the factory to the running Jetty and returns once its connector accepts connections.
 *
 * <p>Felix HTTP calls the factory each time its Jetty starts (again after an HTTP configuration
 * change) and only logs a connector that fails to start, leaving it on the server. So the factory
 * records how the first start went, which is what {@code publish} reports, and takes a failed
 * connector off its server itself; failures after a restart are logged with the address.
 */
public final class ListenerConnectorFactory implements ConnectorFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerConnectorFactory.class);

    private final String address;
    private final Function<Server, Connector> builder;
    private final CompletableFuture<Connector> firstStart = new CompletableFuture<>();
    private volatile Server failedOn;
    private volatile Connector failed;

    /**
     * @param address {@code PROTO://ADDR}, for messages and the publication
     * @param builder makes an unstarted connector for a server; called again whenever Jetty restarts
     */
    public ListenerConnectorFactory(String address, Function<Server, Connector> builder) {
        this.address = address;
        this.builder = builder;
    }

    /** A listener's started connector and the publication that keeps it on the server. */
    public record Started(Connector connector, ConnectorPublisher.Publication publication) {
    }

    /**
     * Publishes this factory, once, and waits for its first connector to accept connections. When
     * the connector fails to start or does not start within {@code timeout}, withdraws the factory
     * and takes the failed connector off its server, so a refused listener leaves nothing behind.
     *
     * @return the started connector and its publication; closing the publication stops the connector
     * @throws ListenerException why the connector did not start, after the address
     */
    public Started publish(ConnectorPublisher publisher, Duration timeout) throws ListenerException {
        ConnectorPublisher.Publication publication = publisher.publish(this, address);
        try {
            return new Started(awaitFirstStart(timeout), publication);
        } catch (ListenerException e) {
            publication.close();
            discardFailed();
            throw e;
        }
    }

    @Override
    public Connector createConnector(Server server) {
        Connector connector;
        try {
            connector = builder.apply(server);
        } catch (RuntimeException e) {
            firstStart.completeExceptionally(e);
            throw e;
        }
        connector.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarted(LifeCycle event) {
                firstStart.complete(connector);
            }

            @Override
            public void lifeCycleFailure(LifeCycle event, Throwable cause) {
                // Felix's tracker leaves a failed connector on its server; remember it for discardFailed
                failedOn = server;
                failed = connector;
                if (!firstStart.completeExceptionally(cause)) {
                    LOG.error("Listener {} failed in the HTTP server: {}", address, describe(cause));
                }
            }
        });
        return connector;
    }

    private Connector awaitFirstStart(Duration timeout) throws ListenerException {
        try {
            return firstStart.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ListenerException(address + ": " + describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new ListenerException(address + ": the HTTP server did not start the listener within "
                    + timeout.toSeconds() + " s; is Felix HTTP (org.apache.felix.http.jetty12) running?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ListenerException(address + ": interrupted while waiting for the listener to start");
        }
    }

    /** Takes a connector that failed to start off its server, once its factory is withdrawn. */
    private void discardFailed() {
        Server server = failedOn;
        Connector connector = failed;
        if (server != null && connector != null) {
            server.removeConnector(connector);
        }
    }

    /** The failure's message with its root cause, e.g. "Failed to bind to /127.0.0.1:2376: Address already in use". */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = failure.getMessage() != null ? failure.getMessage() : failure.toString();
        if (root != failure && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += ": " + root.getMessage();
        }
        return message;
    }
}
