package wharf.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ListenerConnectorFactoryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Server server;
    /** The addresses whose factories were withdrawn, in order. */
    private final List<String> withdrawn = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startJetty() throws Exception {
        server = new Server();
        server.start();
    }

    @AfterEach
    void stopJetty() throws Exception {
        server.stop();
    }

    /**
     * What Felix HTTP's connector tracker does with a ConnectorFactory service: create, add and start
     * the connector, and only log a failure, leaving the failed connector on the server untracked.
     */
    private ConnectorPublisher tracker() {
        return (factory, address) -> {
            try {
                Connector connector = factory.createConnector(server);
                server.addConnector(connector);
                connector.start();
                return () -> {
                    withdrawn.add(address);
                    LifeCycle.stop(connector);
                    server.removeConnector(connector);
                };
            } catch (Exception loggedByTheTracker) {
                return () -> withdrawn.add(address);
            }
        };
    }

    private static ListenerConnectorFactory loopback(String address, int port) {
        return new ListenerConnectorFactory(address, server -> {
            ServerConnector connector = new ServerConnector(server);
            connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
            connector.setPort(port);
            return connector;
        });
    }

    @Test
    void publishReturnsTheConnectorOnceItAcceptsConnections() throws Exception {
        ListenerConnectorFactory.Started started = loopback("tcp://127.0.0.1:0", 0).publish(tracker(), TIMEOUT);

        int port = ((ServerConnector) started.connector()).getLocalPort();
        try (Socket client = connect(port)) {
            assertTrue(client.isConnected());
        }
        assertEquals(List.of(started.connector()), List.of(server.getConnectors()));

        started.publication().close();

        assertEquals(List.of("tcp://127.0.0.1:0"), withdrawn);
        assertEquals(0, server.getConnectors().length);
        // bound again, not connected to: once free, a TCP self-connect from an ephemeral port (or
        // another process) can answer a connect on it
        new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
    }

    @Test
    void aConnectorThatFailsToStartIsReportedWithdrawnAndTakenOffTheServer() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "tcp://127.0.0.1:" + taken.getLocalPort();

            ListenerException e = assertThrows(ListenerException.class,
                    () -> loopback(address, taken.getLocalPort()).publish(tracker(), TIMEOUT));

            assertTrue(e.getMessage().startsWith(address + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("Address already in use"), e.getMessage());
            assertEquals(List.of(address), withdrawn);
            assertEquals(0, server.getConnectors().length);
        }
    }

    @Test
    void aBuilderThatThrowsIsReported() {
        ListenerConnectorFactory factory = new ListenerConnectorFactory("unix:///run/x.sock", server -> {
            throw new IllegalStateException("no connector today");
        });

        ListenerException e = assertThrows(ListenerException.class, () -> factory.publish(tracker(), TIMEOUT));

        assertEquals("unix:///run/x.sock: no connector today", e.getMessage());
        assertEquals(List.of("unix:///run/x.sock"), withdrawn);
    }

    @Test
    void aServerThatNeverTakesTheFactoryTimesOutAndTheFactoryIsWithdrawn() {
        ConnectorPublisher nobodyListening = (factory, address) -> () -> withdrawn.add(address);

        ListenerException e = assertThrows(ListenerException.class,
                () -> loopback("tcp://127.0.0.1:0", 0).publish(nobodyListening, Duration.ofMillis(200)));

        assertTrue(e.getMessage().startsWith("tcp://127.0.0.1:0: the HTTP server did not start the listener within"),
                e.getMessage());
        assertEquals(List.of("tcp://127.0.0.1:0"), withdrawn);
    }

    @Test
    void aRestartedServerGetsAFreshConnectorFromTheSameFactory() throws Exception {
        ListenerConnectorFactory factory = loopback("tcp://127.0.0.1:0", 0);
        ListenerConnectorFactory.Started first = factory.publish(tracker(), TIMEOUT);

        Connector again = factory.createConnector(server);

        assertFalse(again == first.connector(), "each Jetty start needs its own connector");
        assertFalse(again.isStarted());
        first.publication().close();
    }

    @Test
    void describeAddsTheRootCauseOnlyWhenTheMessageLacksIt() {
        IOException bind = new IOException("Failed to bind to /127.0.0.1:2376",
                new BindException("Address already in use"));
        IOException said = new IOException("Failed to bind: Address already in use",
                new BindException("Address already in use"));

        assertEquals("Failed to bind to /127.0.0.1:2376: Address already in use", ListenerConnectorFactory.describe(bind));
        assertEquals("Failed to bind: Address already in use", ListenerConnectorFactory.describe(said));
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
        return socket;
    }
}
