package wharf.transport.unix.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wharf.server.transport.Listener;
import wharf.server.transport.ListenerException;
import wharf.server.transport.ListenerSpec;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class UnixSocketListenersTest {
    @TempDir
    Path dir;

    private Server server;
    private HttpConfiguration http;
    private UnixSocketListeners listeners;

    @BeforeEach
    void startJetty() throws Exception {
        server = new Server();
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                Content.Sink.write(response, true, "hello " + request.getHttpURI().getPath(), callback);
                return true;
            }
        });
        server.start();
        http = new HttpConfiguration();
        // a setting only the shared configuration carries: proves the connector uses it
        http.setSendServerVersion(false);
        listeners = new UnixSocketListeners(DirectConnectorPublisher.to(server), Duration.ofSeconds(5));
    }

    @AfterEach
    void stopJetty() throws Exception {
        listeners.closeAll();
        server.stop();
    }

    private ListenerSpec spec(Path socket, String group) {
        return new ListenerSpec("unix", socket.toString(), null, false, group, http);
    }

    @Test
    void servesHttpOverTheSocketWithTheSharedConfiguration() throws Exception {
        Path socket = dir.resolve("wharf.sock");
        Listener listener = listeners.listen(spec(socket, null));

        assertEquals("unix://" + socket, listener.address());
        String answer = get(socket, "/_ping");
        assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
        assertTrue(answer.endsWith("hello /_ping"), answer);
        assertFalse(answer.contains("Server: Jetty"), answer);
    }

    @Test
    void socketIsMode0660AndInTheDefaultGroup() throws Exception {
        Path socket = dir.resolve("wharf.sock");
        listeners.listen(spec(socket, ""));

        PosixFileAttributes attributes = Files.readAttributes(socket, PosixFileAttributes.class);
        assertEquals(SocketAccess.MODE, attributes.permissions());
        assertEquals(expectedDefaultGroup(), attributes.group());
    }

    @Test
    void socketGetsTheGroupAskedFor() throws Exception {
        Path probe = Files.createFile(dir.resolve("probe"));
        assumeTrue((Integer) Files.getAttribute(probe, "unix:uid") == 0, "only root may give a socket to any group");
        Path socket = dir.resolve("wharf.sock");
        // a gid without a name, unlike any default group; numeric names are looked up as gids
        listeners.listen(spec(socket, "4242"));

        assertEquals(4242, Files.getAttribute(socket, "unix:gid"));
    }

    @Test
    void missingGroupIsRefusedByName() {
        Path socket = dir.resolve("wharf.sock");

        ListenerException e = assertThrows(ListenerException.class,
                () -> listeners.listen(spec(socket, "no-such-group-wharf")));
        assertTrue(e.getMessage().contains("\"no-such-group-wharf\" not found"), e.getMessage());
        assertFalse(Files.exists(socket));
        assertEquals(0, server.getConnectors().length);
    }

    @Test
    void staleSocketFileIsReplaced() throws Exception {
        Path socket = dir.resolve("wharf.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket), "closing a unix server channel leaves its file behind");

        listeners.listen(spec(socket, null));

        assertTrue(get(socket, "/again").endsWith("hello /again"));
    }

    @Test
    void liveSocketIsRefusedAndLeftAlone() throws Exception {
        Path socket = dir.resolve("wharf.sock");
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(socket));

            ListenerException e = assertThrows(ListenerException.class, () -> listeners.listen(spec(socket, null)));
            assertTrue(e.getMessage().startsWith("unix://" + socket + " is in use: a process is already listening on " + socket),
                    e.getMessage());
            assertTrue(Files.exists(socket));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                assertTrue(client.isConnected());
            }
        }
    }

    @Test
    void fileThatIsNotASocketIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("wharf.sock"), "precious");

        ListenerException e = assertThrows(ListenerException.class, () -> listeners.listen(spec(file, null)));
        assertTrue(e.getMessage().contains("is not a socket"), e.getMessage());
        assertEquals("precious", Files.readString(file));
    }

    @Test
    void closeRemovesTheSocketFileAndStopsServing() throws Exception {
        Path socket = dir.resolve("wharf.sock");
        Listener listener = listeners.listen(spec(socket, null));

        listener.close();

        assertFalse(Files.exists(socket));
        assertEquals(0, server.getConnectors().length);
        assertTrue(listeners.open().isEmpty());
        listener.close();
    }

    @Test
    void closeAllClosesEveryListener() throws Exception {
        Path first = dir.resolve("a.sock");
        Path second = dir.resolve("b.sock");
        listeners.listen(spec(first, null));
        listeners.listen(spec(second, null));
        assertEquals(2, server.getConnectors().length);

        listeners.closeAll();

        assertFalse(Files.exists(first));
        assertFalse(Files.exists(second));
        assertEquals(0, server.getConnectors().length);
    }

    @Test
    void tooLongPathIsRefused() {
        Path socket = dir.resolve("s".repeat(SocketPath.MAX_BYTES));

        ListenerException e = assertThrows(ListenerException.class, () -> listeners.listen(spec(socket, null)));
        assertTrue(e.getMessage().contains("unix sockets allow at most 107 bytes (108 with the closing NUL)"),
                e.getMessage());
    }

    @Test
    void missingDirectoryIsRefused() {
        Path socket = dir.resolve("nowhere").resolve("wharf.sock");

        ListenerException e = assertThrows(ListenerException.class, () -> listeners.listen(spec(socket, null)));
        assertTrue(e.getMessage().contains(dir.resolve("nowhere") + " does not exist"), e.getMessage());
    }

    /** One HTTP/1.1 exchange over the socket, raw, as {@code curl --unix-socket} would make it. */
    private static String get(Path socket, String path) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (channel.read(buffer) >= 0) {
                answer.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static GroupPrincipal expectedDefaultGroup() throws IOException {
        for (String name : SocketAccess.DEFAULT_GROUPS) {
            try {
                return lookupGroup(name);
            } catch (IOException notThere) {
                // try the next
            }
        }
        throw new IllegalStateException("this machine has neither a docker nor a root group");
    }

    private static GroupPrincipal lookupGroup(String name) throws IOException {
        return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(name);
    }
}
