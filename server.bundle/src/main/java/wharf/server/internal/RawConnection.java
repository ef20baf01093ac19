package wharf.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.server.api.HijackSession;

/**
 * A hijacked connection: raw bytes both ways with blocking streams over Jetty's endpoint. It
 * takes the bytes the client pipelined behind the request headers ({@link UpgradeTo}); without
 * them an attach's first stdin bytes would be lost.
 */
final class RawConnection extends AbstractConnection implements Connection.UpgradeTo {
    private static final Logger LOG = LoggerFactory.getLogger(RawConnection.class);

    private final HijackSession session;
    private final String origin;
    private ByteBuffer buffer = BufferUtil.allocate(16 * 1024);

    RawConnection(EndPoint endPoint, Executor executor, HijackSession session, String origin) {
        super(endPoint, executor);
        this.session = session;
        this.origin = origin;
    }

    @Override
    public void onUpgradeTo(ByteBuffer early) {
        if (BufferUtil.hasContent(early)) {
            if (early.remaining() > buffer.capacity()) {
                buffer = BufferUtil.allocate(early.remaining());
            }
            BufferUtil.append(buffer, early);
        }
    }

    @Override
    public void onOpen() {
        super.onOpen();
        // An attach may sit idle for hours; the session decides when it ends.
        getEndPoint().setIdleTimeout(0);
        getExecutor().execute(this::runSession);
    }

    @Override
    public void onFillable() {
        // Reads are driven by the session's blocking input stream, not by fill interest here.
    }

    private void runSession() {
        try (InputStream in = new In(); OutputStream out = new Out()) {
            session.run(in, out);
        } catch (Exception e) {
            if (ErrorMapper.clientGone(e)) {
                LOG.info("{}: hijacked session ended, the client went away", origin);
            } else {
                LOG.error("{}: hijacked session failed", origin, e);
            }
        } finally {
            getEndPoint().close();
        }
    }

    private final class In extends InputStream {
        private boolean eof;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!buffer.hasRemaining()) {
                if (eof) {
                    return -1;
                }
                int filled = getEndPoint().fill(buffer);
                if (filled < 0) {
                    eof = true;
                } else if (filled == 0) {
                    FutureCallback readable = new FutureCallback();
                    getEndPoint().fillInterested(readable);
                    await(readable);
                }
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        @Override
        public int available() {
            return buffer.remaining();
        }
    }

    private final class Out extends OutputStream {
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("output closed");
            }
            FutureCallback written = new FutureCallback();
            getEndPoint().write(written, ByteBuffer.wrap(b, off, len));
            await(written);
        }

        /** Half-closes toward the client; reading goes on until the client closes its side. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                getEndPoint().shutdownOutput();
            }
        }
    }

    private static void await(FutureCallback callback) throws IOException {
        try {
            callback.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
