package example.metrics.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram of durations in seconds: counts per bucket, kept apart and summed up to
 * cumulative {@code _bucket} samples when written, so that the {@code le="+Inf"} bucket and
 * {@code _count} always agree.
 */
final class Histogram {
    /** Prometheus's default buckets, in seconds. */
    static final double[] SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final double[] bounds;
    /** One per bound, then one for what lies above the last. */
    private final LongAdder[] counts;
    private final DoubleAdder sum = new DoubleAdder();

    Histogram(double[] bounds) {
        this.bounds = bounds.clone();
        this.counts = new LongAdder[bounds.length + 1];
        Arrays.setAll(counts, i -> new LongAdder());
    }

    void observe(double value) {
        int i = 0;
        while (i < bounds.length && value > bounds[i]) {
            i++;
        }
        counts[i].increment();
        sum.add(value);
    }

    /** The {@code _bucket}, {@code _sum} and {@code _count} samples; {@code labels} alternate names and values. */
    void write(Exposition out, String name, String... labels) {
        String[] withLe = Arrays.copyOf(labels, labels.length + 2);
        withLe[labels.length] = "le";
        long cumulative = 0;
        for (int i = 0; i <= bounds.length; i++) {
            cumulative += counts[i].sum();
            withLe[labels.length + 1] = i < bounds.length ? Exposition.number(bounds[i]) : "+Inf";
            out.sample(name + "_bucket", cumulative, withLe);
        }
        out.sample(name + "_sum", sum.sum(), labels);
        out.sample(name + "_count", cumulative, labels);
    }
}
