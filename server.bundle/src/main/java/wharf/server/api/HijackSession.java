package wharf.server.api;

import java.io.InputStream;
import java.io.OutputStream;

/** What runs on a hijacked connection. */
@FunctionalInterface
public interface HijackSession {
    /**
     * Runs the session. {@code in} gives the client's bytes, including any it sent right behind
     * the request headers, and ends at its half-close; closing {@code out} half-closes toward
     * the client. The connection is closed when this returns.
     */
    void run(InputStream in, OutputStream out) throws Exception;
}
