package wharf.server.internal;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import wharf.server.api.RequestBody;

/**
 * The body of a request under authorization. It is read from the client only when a policy
 * first opens it, kept in a {@link SpillBuffer}, and replayed to the handler through the request
 * {@link #handOver()} returns; the temporary file goes when this closes, at the request's end.
 */
final class PolicyBody implements RequestBody, AutoCloseable {
    /** Bytes kept in memory before a body spills to a temporary file. */
    static final int MEMORY_LIMIT = 1 << 20;

    private final HttpServletRequest request;
    private final boolean withheld;
    private final int memoryLimit;
    private SpillBuffer buffer;
    private IOException failure;
    private boolean handedOver;

    /**
     * @param withheld true for a request that takes over its connection: its body is a live stream
     *                 that policies do not get
     */
    PolicyBody(HttpServletRequest request, boolean withheld, int memoryLimit) {
        this.request = request;
        this.withheld = withheld;
        this.memoryLimit = memoryLimit;
    }

    @Override
    public synchronized InputStream open() throws IOException {
        if (withheld) {
            return InputStream.nullInputStream();
        }
        if (failure != null) {
            throw failure;
        }
        if (buffer == null) {
            if (handedOver) {
                throw new IllegalStateException("the body was not opened during authorize: the handler has read it");
            }
            buffer = read();
        }
        return buffer.open();
    }

    private SpillBuffer read() throws IOException {
        SpillBuffer b = new SpillBuffer(memoryLimit);
        try {
            request.getInputStream().transferTo(b);
            b.seal();
            return b;
        } catch (IOException e) {
            // part of the body is gone: every later open fails the same way
            failure = e;
            b.close();
            throw e;
        }
    }

    @Override
    public boolean withheld() {
        return withheld;
    }

    /** The request for the handler: with the same bytes again when a policy read them. */
    synchronized HttpServletRequest handOver() {
        handedOver = true;
        return buffer == null ? request : new Replay(request, buffer);
    }

    @Override
    public synchronized void close() throws IOException {
        if (buffer != null) {
            buffer.close();
        }
    }

    /** The request with its body served from the buffer. */
    private static final class Replay extends HttpServletRequestWrapper {
        private final SpillBuffer buffer;
        private ServletInputStream stream;
        private BufferedReader reader;

        Replay(HttpServletRequest request, SpillBuffer buffer) {
            super(request);
            this.buffer = buffer;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (reader != null) {
                throw new IllegalStateException("getReader() was called");
            }
            if (stream == null) {
                stream = new ReplayInput(buffer.open());
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (stream != null) {
                throw new IllegalStateException("getInputStream() was called");
            }
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(buffer.open(), charset));
            }
            return reader;
        }
    }

    /** A blocking servlet stream over bytes that are all there already. */
    private static final class ReplayInput extends ServletInputStream {
        private final InputStream in;
        private boolean finished;

        ReplayInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            finished = b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            finished = n < 0;
            return n;
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        /** Every byte is available at once: the listener hears so straight away. */
        @Override
        public void setReadListener(ReadListener listener) {
            try {
                listener.onDataAvailable();
                listener.onAllDataRead();
            } catch (IOException e) {
                listener.onError(e);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
