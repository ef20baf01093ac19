package wharf.server.api;

import java.io.IOException;
import java.io.OutputStream;

/**
 * dockerd's multiplexed stream ({@code stdcopy}): every write becomes one frame of
 * {@code [stream][0 0 0][length u32 big-endian][payload]}, stream 1 for stdout and 2 for stderr.
 * Frames from the two streams never interleave inside one another.
 */
public final class StdStreams {
    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    public static final int STDERR = 2;

    private final OutputStream sink;
    private final OutputStream stdout;
    private final OutputStream stderr;

    public StdStreams(OutputStream sink) {
        this.sink = sink;
        this.stdout = new Framed(STDOUT);
        this.stderr = new Framed(STDERR);
    }

    public OutputStream stdout() {
        return stdout;
    }

    public OutputStream stderr() {
        return stderr;
    }

    /** Writes one frame of the given stream. */
    public void frame(int stream, byte[] payload, int offset, int length) throws IOException {
        byte[] header = {(byte) stream, 0, 0, 0,
            (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
        synchronized (sink) {
            sink.write(header);
            sink.write(payload, offset, length);
            sink.flush();
        }
    }

    private final class Framed extends OutputStream {
        private final int stream;

        Framed(int stream) {
            this.stream = stream;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) {
                frame(stream, b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            sink.flush();
        }
    }
}
