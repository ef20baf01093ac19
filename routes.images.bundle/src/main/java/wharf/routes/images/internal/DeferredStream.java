package wharf.routes.images.internal;

import java.io.IOException;
import java.io.OutputStream;
import wharf.server.api.ApiResponse;

/**
 * A response body that sends the 200 and its headers only with the first byte (moby's
 * {@code WriteFlusher} with {@code Flushed()}): a job that fails before it produces anything
 * still gets a plain error status from the server's error mapper, one that fails later reports
 * in-band.
 */
final class DeferredStream extends OutputStream {
    private final ApiResponse response;
    private final String contentType;
    private OutputStream out;

    DeferredStream(ApiResponse response, String contentType) {
        this.response = response;
        this.contentType = contentType;
    }

    /** True once the response went out: errors can only be reported in-band from here on. */
    synchronized boolean opened() {
        return out != null;
    }

    /** Sends the status and headers now, if they have not gone yet. */
    synchronized OutputStream open() throws IOException {
        if (out == null) {
            out = response.stream(contentType);
        }
        return out;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        open().write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (len > 0) {
            open().write(b, off, len);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    /** Only flushes: the server ends the response when the handler returns. */
    @Override
    public void close() throws IOException {
        flush();
    }
}
