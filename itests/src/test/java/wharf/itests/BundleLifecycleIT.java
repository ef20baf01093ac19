package wharf.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import wharf.engine.api.system.Listening;

/** Bundles stopped and started while the daemon runs: what goes away, what stays, what comes back. */
@RunWith(PaxExam.class)
public class BundleLifecycleIT extends WharfTestSupport {

    @Test
    public void stoppingTheSystemRoutesWithdrawsPingAndStartingThemBringsItBack() throws Exception {
        Path socket = tmp.resolve("w.sock");
        startDaemon("unix://" + socket);
        assertEquals(200, unixRequest(socket, "GET", "/_ping").status());

        Bundle routes = installed("wharf.routes.system");
        routes.stop();
        RawHttp.Response gone = Await.until("/_ping to answer 404", () -> unixRequest(socket, "GET", "/_ping"),
                r -> r.status() == 404);
        assertEquals("{\"message\":\"page not found\"}\n", gone.body());

        routes.start();
        RawHttp.Response back = Await.until("/_ping to answer 200 again", () -> unixRequest(socket, "GET", "/_ping"),
                r -> r.status() == 200);
        assertEquals("OK", back.body());
    }

    @Test
    public void stoppingTheUnixTransportClosesOnlyItsSocketAndServeApiReopensIt() throws Exception {
        Path socket = tmp.resolve("w.sock");
        Listening listening = startDaemon("unix://" + socket, "tcp://127.0.0.1:0");
        int port = tcpPort(listening);
        assertEquals(200, unixRequest(socket, "GET", "/_ping").status());

        Bundle unix = installed("wharf.transport.unix");
        unix.stop();
        Await.until("the unix socket to refuse connections and its file to go",
                () -> refused(socket) && !Files.exists(socket));
        assertEquals("tcp keeps serving", "OK", tcpRequest(port, "GET", "/_ping").body());

        unix.start();
        Await.until("the unix transport to register again", () -> transport("unix"));
        // listeners are serveapi's to open: a restarted transport does not bring back the old one
        Thread.sleep(300);
        assertTrue("the restarted transport reopened the old listener by itself", refused(socket));
        assertFalse(Files.exists(socket));

        serveApi(plain("unix://" + socket));
        RawHttp.Response again = unixRequest(socket, "GET", "/_ping");
        assertEquals(again.toString(), "OK", again.body());
        assertEquals("tcp kept serving throughout", "OK", tcpRequest(port, "GET", "/_ping").body());
    }
}
