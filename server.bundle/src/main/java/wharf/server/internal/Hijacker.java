package wharf.server.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import wharf.server.api.HijackSession;

/**
 * The one place that knows how Jetty hands over a connection. The Servlet API's
 * {@code upgrade()} is "Not implemented" in the Jetty 12.0 that Felix HTTP embeds, so the
 * handler sets Jetty core's upgrade-connection attribute on the core request: once the 101 is
 * written, Jetty swaps its HTTP connection for a {@link RawConnection} on the same socket.
 */
final class Hijacker {
    private Hijacker() {
    }

    static void hijack(HttpServletRequest request, HttpServletResponse response, String contentType,
            HijackSession session) throws IOException {
        ServletContextRequest scr = ServletContextRequest.getServletContextRequest(request);
        if (scr == null) {
            throw new IOException("not a Jetty request: the connection cannot be hijacked");
        }
        // ServletContextRequest keeps attributes of its own; Jetty reads the attribute from the core request.
        Request core = scr;
        while (core instanceof Request.Wrapper w) {
            core = w.getWrapped();
        }
        core.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, new RawConnection(
                scr.getConnectionMetaData().getConnection().getEndPoint(), scr.getComponents().getExecutor(), session,
                request.getMethod() + " " + request.getRequestURI()));
        response.setStatus(101);
        if (contentType != null) {
            response.setHeader("Content-Type", contentType);
        }
        response.setHeader("Connection", "Upgrade");
        response.setHeader("Upgrade", "tcp");
    }
}
