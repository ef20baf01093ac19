package wharf.graph.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Tells a listener how many bytes went through, at most every 512 KiB and at the end. */
final class ProgressInputStream extends FilterInputStream {
    private static final long STEP = 512 * 1024;
    private final LongConsumer listener;
    private long count;
    private long reported;

    ProgressInputStream(InputStream in, LongConsumer listener) {
        super(in);
        this.listener = listener == null ? n -> { } : listener;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        } else {
            report();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            advance(n);
        } else if (n < 0) {
            report();
        }
        return n;
    }

    private void advance(long n) {
        count += n;
        if (count - reported >= STEP) {
            report();
        }
    }

    private void report() {
        if (count != reported) {
            reported = count;
            listener.accept(count);
        }
    }
}
