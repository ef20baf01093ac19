package wharf.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import wharf.engine.api.system.Listening;
import wharf.engine.api.system.ServeApi;
import wharf.testing.TestCertificates;
import wharf.testing.TestCertificates.DockerTlsFiles;
import wharf.testing.TestCertificates.KeyFormat;

/**
 * The connection hijack behind attach and exec, through a route a test bundle registers, over the
 * unix socket and over TLS with client verification.
 * <p>
 * Jetty writes the 101 with the reason phrase {@code Switching Protocols}, where dockerd writes
 * {@code UPGRADED}. Docker clients accept it: moby's {@code client/hijack.go}
 * ({@code setupHijackConn}, used by the docker CLI 28 for attach and exec) reads the answer with
 * Go's {@code http.ReadResponse} and checks only {@code resp.StatusCode !=
 * http.StatusSwitchingProtocols}; the reason phrase is never compared (the check came with moby
 * commit 26231b29e7, 2017; before it the status was not checked at all). It then takes the media
 * type from {@code Content-Type}. So the status code, {@code Upgrade: tcp} and the content type
 * are what this test pins; a real {@code docker attach}/{@code exec} follows once containers exist.
 */
@RunWith(PaxExam.class)
public class HijackIT extends WharfTestSupport {
    private static final String EARLY = "sent-with-the-headers\n";
    private static final String LATER = "sent-after-the-101\n";

    @Test
    public void hijackOverTheUnixSocket() throws Exception {
        Path socket = tmp.resolve("w.sock");
        startDaemon("unix://" + socket);
        TestRoutes.register(context, TestRoutes.echo(), 0);
        Await.until("the test routes to be mounted", () -> unixRequest(socket, "GET", "/test/ready").status() == 204);

        try (RawHttp c = RawHttp.unix(socket)) {
            converse(c);
        }
    }

    /**
     * dockerd hijacks a request without {@code Upgrade} too: {@code 200} with the raw-stream type,
     * neither a length nor chunks, and then the same raw conversation on the socket.
     */
    @Test
    public void hijackWithoutTheUpgradeHeaderAnswers200() throws Exception {
        Path socket = tmp.resolve("w.sock");
        startDaemon("unix://" + socket);
        TestRoutes.register(context, TestRoutes.echo(), 0);
        Await.until("the test routes to be mounted", () -> unixRequest(socket, "GET", "/test/ready").status() == 204);

        try (RawHttp c = RawHttp.unix(socket)) {
            c.send("POST /test/hijack HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n" + EARLY);
            RawHttp.Response head = c.readHead();
            assertEquals(head.toString(), 200, head.status());
            assertEquals(TestRoutes.RAW_STREAM, head.header("Content-Type"));
            assertNull("no length: the body is the stream", head.header("Content-Length"));
            assertNull("no chunks: the stream is raw", head.header("Transfer-Encoding"));
            assertNull(head.header("Upgrade"));

            assertEquals(TestRoutes.GREETING, c.readExactly(TestRoutes.GREETING));
            assertEquals("the bytes pipelined behind the headers", EARLY, c.readExactly(EARLY));
            c.send(LATER);
            assertEquals(LATER, c.readExactly(LATER));
            c.shutdownOutput();
            assertEquals(TestRoutes.FAREWELL, c.readToEof());
        }
    }

    @Test
    public void hijackOverMutualTls() throws Exception {
        TestCertificates pki = TestCertificates.create();
        DockerTlsFiles server = pki.writeServer(tmp.resolve("server"), KeyFormat.EC_PKCS8);
        SSLContext client = pki.clientContext(true);
        awaitDaemonParts();
        Listening listening = serveApi(new ServeApi(List.of("tcp://127.0.0.1:0"), false, false, null, "test", null,
                true, true, server.ca().toString(), server.cert().toString(), server.key().toString(), true));
        acceptConnections();
        int port = tcpPort(listening);
        TestRoutes.register(context, TestRoutes.echo(), 0);
        Await.until("the test routes to be mounted", () -> {
            try (RawHttp c = RawHttp.tls(port, client)) {
                return c.request("GET", "/test/ready").status() == 204;
            }
        });

        try (RawHttp c = RawHttp.tls(port, client)) {
            converse(c);
        }
    }

    /**
     * The attach conversation: the request and the client's first bytes in one write, the 101,
     * the server's greeting, the echo of the early bytes and of later ones, then the client's
     * half-close, the server's last words and its close.
     */
    private static void converse(RawHttp c) throws Exception {
        c.send("POST /test/hijack HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
                + "Content-Length: 0\r\n\r\n" + EARLY);
        RawHttp.Response upgraded = c.readResponse(false);
        assertTrue(upgraded.toString(), upgraded.statusLine().startsWith("HTTP/1.1 101 "));
        assertEquals("tcp", upgraded.header("Upgrade"));
        assertEquals("upgrade", upgraded.header("Connection").toLowerCase(Locale.ROOT));
        assertEquals(TestRoutes.RAW_STREAM, upgraded.header("Content-Type"));

        assertEquals(TestRoutes.GREETING, c.readExactly(TestRoutes.GREETING));
        assertEquals("the bytes pipelined behind the headers", EARLY, c.readExactly(EARLY));
        c.send(LATER);
        assertEquals(LATER, c.readExactly(LATER));

        c.shutdownOutput();
        assertEquals(TestRoutes.FAREWELL, c.readToEof());
    }
}
