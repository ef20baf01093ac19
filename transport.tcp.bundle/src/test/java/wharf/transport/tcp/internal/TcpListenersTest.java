package wharf.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import wharf.server.transport.Listener;
import wharf.server.transport.ListenerException;
import wharf.server.transport.ListenerSpec;
import wharf.testing.TestCertificates;
import wharf.testing.TestCertificates.DockerTlsFiles;
import wharf.testing.TestCertificates.KeyFormat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TcpListenersTest {
    private static final Pattern BOUND = Pattern.compile("tcp://127\\.0\\.0\\.1:(\\d+)");

    private static TestCertificates pki;

    @TempDir
    Path dir;

    private Server server;
    private HttpConfiguration http;
    private TcpListeners listeners;

    @BeforeAll
    static void makePki() throws Exception {
        pki = TestCertificates.create();
    }

    @BeforeEach
    void startJetty() throws Exception {
        server = new Server();
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new WhoAmI()), "/*");
        server.setHandler(context);
        server.start();
        http = new HttpConfiguration();
        // a setting only the shared configuration carries: proves the connectors use it
        http.setSendServerVersion(false);
        listeners = new TcpListeners(DirectConnectorPublisher.to(server), Duration.ofSeconds(5));
    }

    @AfterEach
    void stopJetty() throws Exception {
        listeners.closeAll();
        server.stop();
    }

    /** Answers with the subject of the client certificate the Servlet API shows, as authorization will read it. */
    static final class WhoAmI extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            X509Certificate[] chain = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
            response.setContentType("text/plain");
            response.getWriter().print(chain == null ? "anonymous" : chain[0].getSubjectX500Principal().getName());
        }
    }

    private ListenerSpec plain(String address, boolean tlsExplicitlyOff) {
        return new ListenerSpec("tcp", address, null, tlsExplicitlyOff, null, http);
    }

    private ListenerSpec tls(String address, DockerTlsFiles files, boolean verify) {
        return new ListenerSpec("tcp", address, new ListenerSpec.Tls(files.ca(), files.cert(), files.key(), verify),
                false, null, http);
    }

    @Test
    void plainLoopbackOnPortZeroReportsTheBoundPort() throws Exception {
        Listener listener = listeners.listen(plain("127.0.0.1:0", false));

        int port = boundPort(listener);
        assertNotEquals(0, port);
        HttpResponse<String> response = get(HttpClient.newBuilder(), "http://127.0.0.1:" + port + "/_ping");
        assertEquals(200, response.statusCode());
        assertEquals("anonymous", response.body());
        assertTrue(response.headers().firstValue("Server").isEmpty(), "the shared configuration hides the version");
    }

    @Test
    void plainOnAllInterfacesIsRefusedWithoutExplicitTlsOff() {
        ListenerException e = assertThrows(ListenerException.class, () -> listeners.listen(plain("0.0.0.0:0", false)));

        assertEquals("tcp://0.0.0.0:0: Binding to IP address without --tlsverify is insecure and gives root access"
                + " on this machine to everyone who has access to your network. You can override this by explicitly"
                + " specifying '--tls=false' or '--tlsverify=false'", e.getMessage());
        assertEquals(0, server.getConnectors().length);
    }

    @Test
    void plainOnAllInterfacesIsAcceptedWhenTlsIsExplicitlyOff() throws Exception {
        Listener listener = listeners.listen(plain("0.0.0.0:0", true));

        Matcher bound = Pattern.compile("tcp://0\\.0\\.0\\.0:(\\d+)").matcher(listener.address());
        assertTrue(bound.matches(), listener.address());
        HttpResponse<String> response = get(HttpClient.newBuilder(), "http://127.0.0.1:" + bound.group(1) + "/");
        assertEquals(200, response.statusCode());
    }

    @Test
    void localhostCountsAsLoopback() throws Exception {
        Listener listener = listeners.listen(plain("localhost:0", false));

        assertTrue(listener.address().matches("tcp://localhost:[1-9]\\d*"), listener.address());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:", ":2375", "127.0.0.1:port", "127.0.0.1:70000", "[::1",
        "127.0.0.1:2375/path", "user@127.0.0.1:2375", "::1:2375"})
    void malformedAddressesAreRefused(String address) {
        ListenerException e = assertThrows(ListenerException.class, () -> listeners.listen(plain(address, false)));

        assertTrue(e.getMessage().startsWith("tcp://" + address + ": invalid address, expected tcp://HOST:PORT"),
                e.getMessage());
    }

    @Test
    void portInUseIsReportedAndLeavesNoConnectorBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();

            ListenerException e = assertThrows(ListenerException.class, () -> listeners.listen(plain(address, false)));
            assertTrue(e.getMessage().startsWith("tcp://" + address + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("Address already in use"), e.getMessage());
            assertEquals(0, server.getConnectors().length);
        }
    }

    @Test
    void closeReleasesThePort() throws Exception {
        Listener listener = listeners.listen(plain("127.0.0.1:0", false));
        int port = boundPort(listener);

        listener.close();

        assertEquals(0, server.getConnectors().length);
        assertTrue(listeners.open().isEmpty());
        // bound again, not connected to: once free, a TCP self-connect from an ephemeral port (or
        // another process) can answer a connect on it
        new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
        listener.close();
    }

    @Test
    void closeAllClosesEveryListener() throws Exception {
        listeners.listen(plain("127.0.0.1:0", false));
        listeners.listen(plain("127.0.0.1:0", false));
        assertEquals(2, server.getConnectors().length);

        listeners.closeAll();

        assertEquals(0, server.getConnectors().length);
        assertTrue(listeners.open().isEmpty());
    }

    @Test
    void aServerThatNeverTakesTheConnectorTimesOut() {
        AtomicBoolean withdrawn = new AtomicBoolean();
        TcpListeners waiting = new TcpListeners((factory, address) -> () -> withdrawn.set(true), Duration.ofMillis(200));

        ListenerException e = assertThrows(ListenerException.class, () -> waiting.listen(plain("127.0.0.1:0", false)));
        assertTrue(e.getMessage().contains("did not start the listener within"), e.getMessage());
        assertTrue(withdrawn.get(), "the factory must not stay published");
    }

    @ParameterizedTest
    @EnumSource(KeyFormat.class)
    void tlsVerifyServesClientsWithACertificateAndShowsTheirSubject(KeyFormat format) throws Exception {
        DockerTlsFiles files = pki.writeServer(dir.resolve("server"), format);
        assertTrue(Files.readString(files.key()).contains("-----BEGIN " + format.pemType() + "-----"));
        Listener listener = listeners.listen(tls("127.0.0.1:0", files, true));

        HttpResponse<String> response = get(client(true), "https://127.0.0.1:" + boundPort(listener) + "/_ping");

        assertEquals(200, response.statusCode());
        assertEquals(TestCertificates.CLIENT_SUBJECT, response.body());
    }

    @Test
    void tlsVerifyRefusesClientsWithoutACertificate() throws Exception {
        DockerTlsFiles files = pki.writeServer(dir.resolve("server"), KeyFormat.EC_PKCS8);
        Listener listener = listeners.listen(tls("127.0.0.1:0", files, true));
        String url = "https://localhost:" + boundPort(listener) + "/_ping";
        assertEquals(200, get(client(true), url).statusCode(), "the listener works for a client with a certificate");

        IOException e = assertThrows(IOException.class, () -> get(client(false), url));
        assertTrue(causedBy(e, SSLException.class), () -> "not a TLS failure: " + e);
    }

    @Test
    void tlsWithoutVerifyServesClientsWithoutACertificate() throws Exception {
        DockerTlsFiles files = pki.writeServer(dir.resolve("server"), KeyFormat.RSA_PKCS8);
        Listener listener = listeners.listen(tls("127.0.0.1:0", files, false));

        HttpResponse<String> response = get(client(false), "https://127.0.0.1:" + boundPort(listener) + "/_ping");

        assertEquals(200, response.statusCode());
        assertEquals("anonymous", response.body());
    }

    @Test
    void missingCertificateFileIsNamed() throws Exception {
        DockerTlsFiles files = pki.writeServer(dir.resolve("server"), KeyFormat.EC_SEC1);
        Path missing = dir.resolve("nowhere/cert.pem");
        DockerTlsFiles broken = new DockerTlsFiles(files.ca(), missing, files.key());

        ListenerException e = assertThrows(ListenerException.class,
                () -> listeners.listen(tls("127.0.0.1:0", broken, true)));

        assertEquals("tcp://127.0.0.1:0: invalid TLS configuration: could not load X509 key pair (cert: \"" + missing
                + "\", key: \"" + files.key() + "\"): open " + missing + ": no such file or directory", e.getMessage());
        assertEquals(0, server.getConnectors().length);
    }

    @Test
    void missingCaFileIsNamed() throws Exception {
        DockerTlsFiles files = pki.writeServer(dir.resolve("server"), KeyFormat.EC_SEC1);
        Path missing = dir.resolve("ca-missing.pem");

        ListenerException e = assertThrows(ListenerException.class, () -> listeners.listen(
                tls("127.0.0.1:0", new DockerTlsFiles(missing, files.cert(), files.key()), true)));

        assertTrue(e.getMessage().endsWith("could not read CA certificate \"" + missing + "\": open " + missing
                + ": no such file or directory"), e.getMessage());
    }

    @Test
    void keyOfAnotherCertificateIsRefused() throws Exception {
        DockerTlsFiles files = pki.writeServer(dir.resolve("server"), KeyFormat.EC_SEC1);
        Path otherKey = dir.resolve("client-key.pem");
        TestCertificates.writeKey(otherKey, pki.clientKeys(), KeyFormat.EC_PKCS8);

        ListenerException e = assertThrows(ListenerException.class, () -> listeners.listen(
                tls("127.0.0.1:0", new DockerTlsFiles(files.ca(), files.cert(), otherKey), true)));

        assertTrue(e.getMessage().endsWith("private key does not match public key"), e.getMessage());
    }

    private static int boundPort(Listener listener) {
        Matcher bound = BOUND.matcher(listener.address());
        assertTrue(bound.matches(), listener.address());
        return Integer.parseInt(bound.group(1));
    }

    private static HttpClient.Builder client(boolean withCertificate) throws Exception {
        SSLContext context = pki.clientContext(withCertificate);
        return HttpClient.newBuilder().sslContext(context);
    }

    private static HttpResponse<String> get(HttpClient.Builder client, String url)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
        return client.version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
