package wharf.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import wharf.engine.api.system.ServeApi;

class DaemonStarterTest {
    private static DaemonOptions options(Boolean tls, Boolean tlsVerify, String cors) {
        return options(tls, tlsVerify, cors, false);
    }

    private static DaemonOptions options(Boolean tls, Boolean tlsVerify, String cors, boolean debug) {
        return new DaemonOptions(List.of("unix:///w.sock", "tcp://127.0.0.1:2376"), tls, tlsVerify, "/c/ca.pem",
                "/c/cert.pem", "/c/key.pem", "wheel", cors, "/srv/wharf", debug, "info", "0.1.0", List.of(), null);
    }

    @Test
    void theSeedsEnvWithRequestsHeldUntilAcceptConnections() {
        ServeApi job = DaemonStarter.serveApi(options(null, null, null));
        assertEquals(List.of("unix:///w.sock", "tcp://127.0.0.1:2376"), job.addresses());
        assertTrue(job.bufferRequests());
        assertFalse(job.logging());
        assertFalse(job.enableCors());
        assertNull(job.corsHeaders());
        assertEquals("0.1.0", job.version());
        assertEquals("wheel", job.socketGroup());
    }

    @Test
    void requestsAreLoggedWhenDebugging() {
        assertTrue(DaemonStarter.serveApi(options(null, null, null, true)).logging());
    }

    @Test
    void tlsStaysUnsaidAndCertificatesStayOutWithoutTls() {
        ServeApi job = DaemonStarter.serveApi(options(null, null, null));
        assertNull(job.tls());
        assertNull(job.tlsVerify());
        assertNull(job.tlsCa());
        assertNull(job.tlsCert());
        assertNull(job.tlsKey());
    }

    @Test
    void tlsExplicitlyOffIsPassedOn() {
        ServeApi job = DaemonStarter.serveApi(options(false, null, null));
        assertEquals(Boolean.FALSE, job.tls());
        assertTrue(job.tlsExplicitlyOff());
        assertNull(job.tlsCert());
    }

    @Test
    void verificationImpliesTlsAndBringsTheCertificates() {
        ServeApi job = DaemonStarter.serveApi(options(null, true, null));
        assertTrue(job.tlsEnabled());
        assertEquals("/c/ca.pem", job.tlsCa());
        assertEquals("/c/cert.pem", job.tlsCert());
        assertEquals("/c/key.pem", job.tlsKey());
    }

    @Test
    void aCorsHeaderTurnsCorsOnEvenWhenBlank() {
        assertTrue(DaemonStarter.serveApi(options(null, null, "https://example.org")).enableCors());
        ServeApi blank = DaemonStarter.serveApi(options(null, null, ""));
        assertTrue(blank.enableCors());
        assertEquals("", blank.corsHeaders());
    }
}
