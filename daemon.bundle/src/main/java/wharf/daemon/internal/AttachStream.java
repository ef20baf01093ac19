package wharf.daemon.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import wharf.engine.api.Cancellation;
import wharf.engine.api.container.ContainerStream;

/**
 * A process's output read from its k8s-file log (from an offset, followed until its run ends)
 * with, optionally, the client's stdin fed to the process: the stream of an attach and of an exec.
 */
final class AttachStream implements ContainerStream {
    private final String name;
    private final boolean tty;
    private final Path log;
    private final long from;
    private final CompletionStage<?> runEnded;
    private final boolean stdout;
    private final boolean stderr;
    private final Supplier<OutputStream> processStdin;
    private final byte[] detachKeys;

    /**
     * @param name names the stream in logs and thread names
     * @param from the log offset to start at
     * @param runEnded null to copy only what the log holds now; else follow it until this completes
     * @param processStdin null when the client's stdin is not wanted; else opens the process's
     *        stdin, throwing {@link wharf.runtime.api.RuntimeFailure} while it does not exist yet
     */
    AttachStream(String name, boolean tty, Path log, long from, CompletionStage<?> runEnded, boolean stdout,
            boolean stderr, Supplier<OutputStream> processStdin, byte[] detachKeys) {
        this.name = name;
        this.tty = tty;
        this.log = log;
        this.from = from;
        this.runEnded = runEnded;
        this.stdout = stdout;
        this.stderr = stderr;
        this.processStdin = processStdin;
        this.detachKeys = detachKeys;
    }

    @Override
    public boolean tty() {
        return tty;
    }

    @Override
    public void run(InputStream in, OutputStream out, OutputStream err, Cancellation cancellation)
            throws IOException {
        AtomicBoolean over = new AtomicBoolean();
        AttachInput input = processStdin == null || runEnded == null ? null
                : AttachInput.start(name, in, processStdin, detachKeys, runEnded,
                        () -> over.get() || cancellation.isCancelled());
        try {
            new LogFollower(log, LogFollower.Window.ALL).copy(from,
                    new K8sLogWriter(out, err, stdout, stderr, false), runEnded,
                    () -> cancellation.isCancelled() || (input != null && input.detached()));
        } finally {
            over.set(true);
        }
    }
}
