package wharf.server.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Writing an answer the way dockerd does: JSON bodies ending in a newline, empty 201/204
 * answers, flushed streams, and the hijack.
 */
@ProviderType
public interface ApiResponse {
    HttpServletResponse servlet();

    /** 200 with the value as JSON and a trailing newline. */
    default void json(Object value) throws IOException {
        json(200, value);
    }

    /** The status with the value as JSON and a trailing newline. */
    void json(int status, Object value) throws IOException;

    /** A status without a body ({@code 204}, or {@code 201} with {@code Content-Length: 0}). */
    void status(int status);

    /**
     * Sends 200 with the content type (none when null), flushes the headers at once and returns
     * a stream where each write goes out as its own chunk. From here on errors go in-band.
     */
    OutputStream stream(String contentType) throws IOException;

    /** A JSON progress stream (pull, push, load): 200, {@code application/json}, one message a chunk. */
    default ProgressStream progress() throws IOException {
        return new ProgressStream(stream("application/json"));
    }

    /** True once headers went out: errors can only be reported in-band. */
    boolean committed();

    /**
     * Takes over the connection (attach, exec): answers {@code 101} with {@code Upgrade: tcp}
     * (or, as dockerd, {@code 200} when the request carried no {@code Upgrade} header) and hands
     * the raw connection to the session once the answer is on the wire. The session runs
     * on a server thread after the handler returns; closing its output half-closes the socket.
     * When the route group serving it is withdrawn, the server closes the connection, which ends
     * the session's reads and writes.
     *
     * @param contentType the stream's type, {@code application/vnd.docker.raw-stream} or
     *                    {@code application/vnd.docker.multiplexed-stream}
     */
    void hijack(String contentType, HijackSession session) throws IOException;
}
