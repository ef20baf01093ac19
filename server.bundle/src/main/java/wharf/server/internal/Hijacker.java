package wharf.server.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.server.api.HijackSession;

/**
 * The one place that knows how Jetty hands over a connection. The Servlet API's
 * {@code upgrade()} is "Not implemented" in the Jetty 12.0 that Felix HTTP embeds, so the
 * handler sets Jetty core's upgrade-connection attribute on the core request: once the 101 is
 * written, Jetty swaps its HTTP connection for a {@link RawConnection} on the same socket.
 */
final class Hijacker {
    private static final Logger LOG = LoggerFactory.getLogger(Hijacker.class);

    private Hijacker() {
    }

    /**
     * Answers {@code 101} with {@code Upgrade: tcp} when the client asked for the upgrade, else
     * dockerd's {@code 200}; either way the session gets the raw connection once the answer is out.
     *
     * @param guard closes the connection when the route group serving the session goes away
     */
    static void hijack(HttpServletRequest request, HttpServletResponse response, String contentType,
            HijackSession session, GroupStreams.Guard guard) throws IOException {
        ServletContextRequest scr = ServletContextRequest.getServletContextRequest(request);
        if (scr == null) {
            throw new IOException("not a Jetty request: the connection cannot be hijacked");
        }
        // ServletContextRequest keeps attributes of its own; Jetty reads the attribute from the core request.
        Request core = scr;
        while (core instanceof Request.Wrapper w) {
            core = w.getWrapped();
        }
        EndPoint endPoint = scr.getConnectionMetaData().getConnection().getEndPoint();
        String origin = request.getMethod() + " " + request.getRequestURI();
        core.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, new RawConnection(endPoint,
                scr.getComponents().getExecutor(), guarded(session, endPoint, guard, origin), origin));
        if (request.getHeader("Upgrade") != null) {
            response.setStatus(101);
            if (contentType != null) {
                response.setHeader("Content-Type", contentType);
            }
            response.setHeader("Connection", "Upgrade");
            response.setHeader("Upgrade", "tcp");
            return;
        }
        // dockerd takes over a connection without the Upgrade header too, answering 200 and then the
        // raw stream. "Connection: close" makes Jetty frame the body by the connection's end instead
        // of chunks, and flushing now sends the head without a Content-Length; Jetty then leaves the
        // socket open for the stream, since the exchange ends in an upgrade.
        response.setStatus(200);
        if (contentType != null) {
            response.setHeader("Content-Type", contentType);
        }
        response.setHeader("Connection", "close");
        response.flushBuffer();
    }

    /**
     * The session, ended by closing its connection when its route group goes away; the failure
     * that closing causes inside the session is then the expected end, not an error.
     */
    private static HijackSession guarded(HijackSession session, EndPoint endPoint, GroupStreams.Guard guard,
            String origin) {
        return (in, out) -> {
            AtomicBoolean withdrawn = new AtomicBoolean();
            try (var ending = guard.open(() -> {
                withdrawn.set(true);
                endPoint.close();
            })) {
                session.run(in, out);
            } catch (Exception e) {
                if (!withdrawn.get()) {
                    throw e;
                }
                LOG.info("{}: hijacked session closed, its route group went away", origin);
            }
        };
    }
}
