package wharf.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.JobError;
import wharf.engine.api.system.Listening;
import wharf.engine.api.system.ServeApi;
import wharf.engine.api.system.SystemJobs;

/** serveapi and acceptconnections as the launcher runs them, and /_ping as docker clients meet it. */
@RunWith(PaxExam.class)
public class ServeApiIT extends WharfTestSupport {
    private static final String USAGE = "usage: serveapi PROTO://ADDR [PROTO://ADDR ...]";

    @Test
    public void pingAnswersOverTheUnixSocketAsDockerdDoes() throws Exception {
        Path socket = tmp.resolve("w.sock");
        Listening listening = startDaemon("unix://" + socket, "tcp://127.0.0.1:0");
        assertTrue(listening.addresses().toString(), listening.addresses().contains("unix://" + socket));
        assertNotEquals(0, tcpPort(listening));

        // one keep-alive connection, as the CLI uses: a HEAD that sent a body would garble what follows
        try (RawHttp c = RawHttp.unix(socket)) {
            RawHttp.Response get = c.request("GET", "/_ping");
            assertEquals("HTTP/1.1 200 OK", get.statusLine());
            assertEquals("OK", get.body());
            assertEquals("1.47", get.header("Api-Version"));
            assertEquals("linux", get.header("Ostype"));
            assertEquals("false", get.header("Docker-Experimental"));
            assertEquals("no-cache, no-store, must-revalidate", get.header("Cache-Control"));
            assertEquals("no-cache", get.header("Pragma"));
            // dockerd writes "text/plain; charset=utf-8"; Jetty drops the space, which clients parse alike
            assertEquals("text/plain;charset=utf-8", get.header("Content-Type").replace(" ", ""));

            RawHttp.Response head = c.request("HEAD", "/_ping");
            assertEquals(head.toString(), 200, head.status());
            assertEquals("1.47", head.header("Api-Version"));
            assertEquals("0", head.header("Content-Length"));

            RawHttp.Response versioned = c.request("GET", "/v1.47/_ping");
            assertEquals(versioned.toString(), 200, versioned.status());
            assertEquals("OK", versioned.body());

            RawHttp.Response tooNew = c.request("GET", "/v1.99/_ping");
            assertEquals(tooNew.toString(), 400, tooNew.status());
            assertEquals("application/json", tooNew.header("Content-Type"));
            assertEquals("{\"message\":\"client version 1.99 is too new. Maximum supported API version is 1.47\"}\n",
                    tooNew.body());
            assertNull("dockerd sends no Docker-Experimental with a version error", tooNew.header("Docker-Experimental"));

            RawHttp.Response unknown = c.request("GET", "/nope");
            assertEquals(unknown.toString(), 404, unknown.status());
            assertEquals("{\"message\":\"page not found\"}\n", unknown.body());
            assertNull("dockerd's 404 for an unknown route has no Api-Version", unknown.header("Api-Version"));
        }
        RawHttp.Response overTcp = tcpRequest(tcpPort(listening), "GET", "/_ping");
        assertEquals(overTcp.toString(), "OK", overTcp.body());
    }

    @Test
    public void aRequestBeforeAcceptConnectionsWaitsAndThenSucceeds() throws Exception {
        Path socket = tmp.resolve("w.sock");
        awaitDaemonParts();
        serveApi(plain("unix://" + socket));
        ExecutorService client = Executors.newSingleThreadExecutor();
        try {
            Future<RawHttp.Response> early = client.submit(() -> unixRequest(socket, "GET", "/_ping"));
            Thread.sleep(500);
            assertFalse("the request was answered before acceptconnections", early.isDone());

            acceptConnections();
            RawHttp.Response r = early.get(10, TimeUnit.SECONDS);
            assertEquals(r.toString(), 200, r.status());
            assertEquals("OK", r.body());
        } finally {
            client.shutdownNow();
        }
    }

    @Test
    public void serveApiWithoutAddressesOrWithAMalformedOneIsAUsageError() throws Exception {
        awaitDaemonParts();
        InvalidParameterError none = assertThrows(InvalidParameterError.class, () -> serveApi(plain()));
        assertEquals(USAGE, none.getMessage());
        InvalidParameterError bogus = assertThrows(InvalidParameterError.class, () -> serveApi(plain("bogus")));
        assertEquals(USAGE, bogus.getMessage());
    }

    @Test
    public void serveApiNamesAProtocolNoTransportServes() throws Exception {
        awaitDaemonParts();
        JobError e = assertThrows(JobError.class, () -> serveApi(plain("foo://x")));
        assertTrue(e.getMessage(), e.getMessage().contains("'foo'"));
    }

    @Test
    public void serveApiClosesWhatItOpenedWhenALaterAddressIsInUse() throws Exception {
        Path socket = tmp.resolve("w.sock");
        awaitDaemonParts();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ServeApi env = plain("unix://" + socket, "tcp://127.0.0.1:" + taken.getLocalPort());
            JobError e = assertThrows(JobError.class, () -> engine.run(SystemJobs.SERVE_API, env));
            assertTrue(e.getMessage(), e.getMessage().contains(String.valueOf(taken.getLocalPort())));
        }
        assertTrue("the unix listener opened first still accepts connections", refused(socket));
        assertFalse("the unix listener's socket file is left behind", Files.exists(socket));
    }
}
