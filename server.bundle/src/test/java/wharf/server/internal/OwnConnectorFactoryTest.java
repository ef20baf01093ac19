package wharf.server.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Against a real Jetty with a connector on a loopback port, as Felix HTTP starts it. */
@Timeout(20)
class OwnConnectorFactoryTest {
    private final Server server = new Server();
    private final ServerState state = new ServerState(TestConfig.defaults());

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private ServerConnector felixConnector() throws Exception {
        ServerConnector felix = new ServerConnector(server);
        felix.setHost("127.0.0.1");
        felix.setPort(0);
        server.addConnector(felix);
        server.start();
        return felix;
    }

    private static void connect(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
        }
    }

    @Test
    void retiresFelixsConnectorAndOpensNothing() throws Exception {
        ServerConnector felix = felixConnector();
        int port = felix.getLocalPort();
        connect(port);
        felix.setPort(port); // Felix configures the port it found free; the factory matches on it
        OwnConnectorFactory own = new OwnConnectorFactory(state, port);

        Connector placeholder = own.createConnector(server);
        server.addConnector(placeholder);
        placeholder.start();

        assertFalse(felix.isRunning());
        assertArrayEquals(new Connector[] {placeholder}, server.getConnectors());
        assertInstanceOf(LocalConnector.class, placeholder);
        // the port itself is not probed: once free, another process (or a TCP self-connect from an
        // ephemeral port) may answer on it
        assertFalse(felix.isOpen(), "Felix's listening socket is closed");
    }

    @Test
    void leavesOtherConnectorsAlone() throws Exception {
        ServerConnector other = felixConnector();
        OwnConnectorFactory own = new OwnConnectorFactory(state, other.getLocalPort() == 1 ? 2 : 1);
        own.createConnector(server);
        assertTrue(other.isRunning());
        connect(other.getLocalPort());
    }
}
