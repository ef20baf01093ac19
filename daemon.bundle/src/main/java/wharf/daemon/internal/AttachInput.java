package wharf.daemon.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import wharf.runtime.api.RuntimeFailure;

/**
 * Copies a client's stdin to a process's stdin (a container's or an exec's) on a thread of its
 * own, since both directions block. The process's stdin is opened only once it exists: an attach
 * usually comes before the container starts, and conmon's socket appears a moment after start.
 * The client's EOF closes the process's stdin; the detach keys end the attach but leave the
 * process's stdin open until its run ends, as Docker leaves it.
 */
final class AttachInput {
    private static final Logger LOG = LoggerFactory.getLogger(AttachInput.class);
    private static final long OPEN_RETRY_MILLIS = 25;

    private final String name;
    private final InputStream client;
    private final Supplier<OutputStream> opener;
    private final DetachKeys.Matcher detachKeys;
    private final CompletionStage<?> runEnded;
    private final BooleanSupplier stopped;
    private volatile boolean detached;

    /**
     * @param opener opens the process's stdin; throws {@link RuntimeFailure} while it does not exist yet
     * @param runEnded the run whose stdin this is; once it ended nobody waits for it any longer
     * @param stopped true when the stream is over (the client left or the output ended)
     */
    private AttachInput(String name, InputStream client, Supplier<OutputStream> opener, byte[] detachKeys,
            CompletionStage<?> runEnded, BooleanSupplier stopped) {
        this.name = name;
        this.client = client;
        this.opener = opener;
        this.detachKeys = new DetachKeys.Matcher(detachKeys);
        this.runEnded = runEnded;
        this.stopped = stopped;
    }

    /** Starts copying on a daemon thread. */
    static AttachInput start(String name, InputStream client, Supplier<OutputStream> opener, byte[] detachKeys,
            CompletionStage<?> runEnded, BooleanSupplier stopped) {
        AttachInput input = new AttachInput(name, client, opener, detachKeys, runEnded, stopped);
        Thread thread = new Thread(input::copy, "wharf-stdin-" + name);
        thread.setDaemon(true);
        thread.start();
        return input;
    }

    /** Whether the client typed the detach keys. */
    boolean detached() {
        return detached;
    }

    private void copy() {
        OutputStream target = openWhenReady();
        if (target == null) {
            return;
        }
        boolean keepOpen = false;
        try {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = readClient(buffer)) >= 0) {
                byte[] forward = detachKeys.filter(buffer, n);
                if (forward == null) {
                    LOG.debug("{}: client detached", name);
                    keepOpen = true;
                    detached = true;
                    return;
                }
                if (forward.length > 0) {
                    target.write(forward);
                    target.flush();
                }
            }
            LOG.debug("{}: client closed stdin", name);
        } catch (IOException e) {
            LOG.debug("{}: process stdin closed: {}", name, e.toString());
        } finally {
            if (keepOpen) {
                runEnded.whenComplete((v, t) -> closeQuietly(target));
            } else {
                closeQuietly(target);
            }
        }
    }

    /** A read of the client's stdin; a broken connection counts as its end. */
    private int readClient(byte[] buffer) {
        try {
            return client.read(buffer);
        } catch (IOException e) {
            return -1;
        }
    }

    private OutputStream openWhenReady() {
        while (!stopped.getAsBoolean() && !runEnded.toCompletableFuture().isDone()) {
            try {
                return opener.get();
            } catch (RuntimeFailure e) {
                LOG.trace("{}: stdin not open yet: {}", name, e.getMessage());
            }
            try {
                Thread.sleep(OPEN_RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private void closeQuietly(OutputStream target) {
        try {
            target.close();
        } catch (IOException e) {
            LOG.debug("{}: closing process stdin: {}", name, e.toString());
        }
    }
}
