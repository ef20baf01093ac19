package wharf.server.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import wharf.engine.api.Cancellation;
import wharf.server.api.ApiResponse;
import wharf.server.api.HijackSession;

final class ApiResponseImpl implements ApiResponse {
    private final HttpServletRequest request;
    private final HttpServletResponse servlet;
    private final Cancellation cancellation;
    private final GroupStreams.Guard guard;
    private boolean hijacked;

    /** @param guard ends this response's stream or hijacked session when its route group goes away */
    ApiResponseImpl(HttpServletRequest request, HttpServletResponse servlet, Cancellation cancellation,
            GroupStreams.Guard guard) {
        this.request = request;
        this.servlet = servlet;
        this.cancellation = cancellation;
        this.guard = guard;
    }

    @Override
    public HttpServletResponse servlet() {
        return servlet;
    }

    @Override
    public void json(int status, Object value) throws IOException {
        byte[] body = Json.MAPPER.writeValueAsBytes(value);
        servlet.setStatus(status);
        servlet.setContentType("application/json");
        servlet.setContentLength(body.length + 1);
        OutputStream out = servlet.getOutputStream();
        out.write(body);
        out.write('\n');
    }

    @Override
    public void status(int status) {
        servlet.setStatus(status);
        if (status != 204 && status != 304) {
            servlet.setContentLength(0);
        }
    }

    @Override
    public OutputStream stream(String contentType) throws IOException {
        servlet.setStatus(200);
        if (contentType != null) {
            servlet.setContentType(contentType);
        }
        servlet.flushBuffer();
        // the handler's loop ends on cancellation: then the client gets the stream's last chunk
        cancellation.onCancel(guard.open(cancellation::cancel)::close);
        return new ChunkPerWrite(servlet.getOutputStream(), cancellation);
    }

    @Override
    public boolean committed() {
        return servlet.isCommitted();
    }

    @Override
    public void hijack(String contentType, HijackSession session) throws IOException {
        Hijacker.hijack(request, servlet, contentType, session, guard);
        hijacked = true;
    }

    /** True once the connection was handed to a session: the request then lives on after the handler. */
    boolean hijacked() {
        return hijacked;
    }

    /**
     * Sends every write at once as its own chunk, so that stream clients (events, progress, logs)
     * see each message when it happens; a failed write means the client left.
     */
    private static final class ChunkPerWrite extends FilterOutputStream {
        private final Cancellation cancellation;

        ChunkPerWrite(OutputStream out, Cancellation cancellation) {
            super(out);
            this.cancellation = cancellation;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
                out.flush();
            } catch (IOException e) {
                cancellation.cancel();
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                cancellation.cancel();
                throw e;
            }
        }
    }
}
