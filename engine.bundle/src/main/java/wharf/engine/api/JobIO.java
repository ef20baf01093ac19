package wharf.engine.api;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The streams of a job that streams (logs, attach, pull progress) and the signal that tells it
 * the caller has gone away. Jobs that neither read nor write get {@link #none()}.
 */
public final class JobIO {
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final Cancellation cancellation;

    private JobIO(InputStream stdin, OutputStream stdout, OutputStream stderr, Cancellation cancellation) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.stdout = Objects.requireNonNull(stdout, "stdout");
        this.stderr = Objects.requireNonNull(stderr, "stderr");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
    }

    public static JobIO of(InputStream stdin, OutputStream stdout, OutputStream stderr, Cancellation cancellation) {
        return new JobIO(stdin, stdout, stderr, cancellation);
    }

    /** No input, output discarded, never cancelled unless the caller keeps the returned signal. */
    public static JobIO none() {
        return new JobIO(InputStream.nullInputStream(), OutputStream.nullOutputStream(),
                OutputStream.nullOutputStream(), new Cancellation());
    }

    /** Only a cancellation signal, for jobs that return a value but may be abandoned. */
    public static JobIO of(Cancellation cancellation) {
        return new JobIO(InputStream.nullInputStream(), OutputStream.nullOutputStream(),
                OutputStream.nullOutputStream(), cancellation);
    }

    public InputStream stdin() {
        return stdin;
    }

    public OutputStream stdout() {
        return stdout;
    }

    public OutputStream stderr() {
        return stderr;
    }

    public Cancellation cancellation() {
        return cancellation;
    }
}
