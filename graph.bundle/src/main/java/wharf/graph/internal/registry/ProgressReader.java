package wharf.graph.internal.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Counts the bytes read through it and reports the count as dockerd's progress reader does:
 * after every 512 kB or 1% of the total, whichever is less, at most ten times a second, and
 * always at the end, so a client's progress bar moves without a message per buffer.
 */
final class ProgressReader extends FilterInputStream {
    private static final long EVERY_BYTES = 512 * 1024;
    private static final long EVERY_NANOS = 100_000_000L;

    private final long total;
    private final long updateEvery;
    private final LongConsumer report;
    private long current;
    private long lastReported;
    private long lastReportNanos;
    private boolean first = true;
    private boolean finished;

    /**
     * @param total  the expected size, or 0 or less when unknown
     * @param report gets the bytes read so far
     */
    ProgressReader(InputStream in, long total, LongConsumer report) {
        super(in);
        this.total = total;
        this.updateEvery = total > 0 ? Math.max(1, Math.min(EVERY_BYTES, total / 100)) : EVERY_BYTES;
        this.report = report;
    }

    long current() {
        return current;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        advance(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        advance(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // every byte must pass read() to be counted the way the consumer sees it
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(n, 1))];
        int read = read(scratch, 0, (int) Math.min(n, scratch.length));
        return Math.max(read, 0);
    }

    private void advance(int n) {
        if (finished) {
            return;
        }
        if (n > 0) {
            current += n;
        }
        boolean end = n < 0 || (total > 0 && current >= total);
        if (!end && !first && current - lastReported <= updateEvery) {
            return;
        }
        long now = System.nanoTime();
        if (!end && !first && now - lastReportNanos < EVERY_NANOS) {
            return;
        }
        finished = end;
        if (end && !first && current == lastReported) {
            return;
        }
        first = false;
        lastReported = current;
        lastReportNanos = now;
        report.accept(current);
    }
}
