package wharf.routes.containers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.engine.api.container.ContainerStream;
import wharf.server.api.ApiRequest;
import wharf.server.api.ApiResponse;
import wharf.server.api.ApiVersion;
import wharf.server.api.StdStreams;

/**
 * Runs the open streams of logs, attach and exec start once their job has passed its checks:
 * multiplexed ({@link StdStreams}, a frame per write) without a terminal, raw with one. The
 * answer has gone out by then, so a failure can only be reported inside the stream.
 */
final class StreamSessions {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSessions.class);

    static final String RAW_STREAM = "application/vnd.docker.raw-stream";
    static final String MULTIPLEXED_STREAM = "application/vnd.docker.multiplexed-stream";
    /** The version that names the multiplexed stream by its own media type. */
    private static final ApiVersion V1_42 = new ApiVersion(1, 42);

    private StreamSessions() {
    }

    /**
     * Logs: 200 at once, then the entries until they end (or, following, until the client leaves).
     * Below API 1.42 there is no Content-Type, as dockerd 20.10 sends none.
     */
    static void logs(ApiRequest req, ApiResponse resp, ContainerStream stream, String origin) throws IOException {
        String contentType = req.version().isBefore(V1_42) ? null : streamType(stream.tty());
        OutputStream out = resp.stream(contentType);
        Sinks sinks = Sinks.of(out, stream.tty());
        try {
            stream.run(InputStream.nullInputStream(), sinks.stdout(), sinks.stderr(), req.cancellation());
        } catch (IOException | RuntimeException e) {
            if (req.cancellation().isCancelled()) {
                return;
            }
            // as moby's logstream: a plain line, outside the frames
            report(out, "Error grabbing logs: " + message(e) + "\n", origin, e);
        }
    }

    /**
     * Attach and exec start: the connection is taken over. A client that asked for the upgrade
     * gets the 101 and, from API 1.42 on, the multiplexed type when there is no terminal; one that
     * did not gets dockerd's 200 with the raw-stream type.
     */
    static void hijack(ApiRequest req, ApiResponse resp, ContainerStream stream, String origin) throws IOException {
        boolean upgrade = req.header("Upgrade") != null;
        String contentType = upgrade && req.version().isAtLeast(V1_42) ? streamType(stream.tty()) : RAW_STREAM;
        resp.hijack(contentType, (in, out) -> {
            Sinks sinks = Sinks.of(out, stream.tty());
            try {
                stream.run(in, sinks.stdout(), sinks.stderr(), req.cancellation());
            } catch (IOException | RuntimeException e) {
                if (req.cancellation().isCancelled()) {
                    return;
                }
                // as moby's exec start: the message on stdout, framed when the stream is
                if (!report(sinks.stdout(), message(e) + "\r\n", origin, e)) {
                    return;
                }
            }
            out.close();
        });
    }

    private static String streamType(boolean tty) {
        return tty ? RAW_STREAM : MULTIPLEXED_STREAM;
    }

    /**
     * Writes a failure into the stream; false when the client is gone, which is then the likely
     * cause and no error of ours.
     */
    private static boolean report(OutputStream sink, String text, String origin, Exception failure) {
        try {
            sink.write(text.getBytes(StandardCharsets.UTF_8));
            sink.flush();
        } catch (IOException gone) {
            LOG.info("{}: the client went away ({})", origin, message(failure));
            return false;
        }
        LOG.error("{}: the stream failed: {}", origin, message(failure), failure);
        return true;
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Where the process's output goes: two framed streams, or the raw stream twice. */
    record Sinks(OutputStream stdout, OutputStream stderr) {
        static Sinks of(OutputStream out, boolean tty) {
            if (tty) {
                return new Sinks(out, out);
            }
            StdStreams mux = new StdStreams(out);
            return new Sinks(mux.stdout(), mux.stderr());
        }
    }
}
