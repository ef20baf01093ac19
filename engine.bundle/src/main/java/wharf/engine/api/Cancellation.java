package wharf.engine.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-way signal that the caller of a job has gone away (the client closed its connection,
 * the daemon is stopping). Jobs poll it, wait on it, or register a callback to interrupt
 * blocking work.
 */
public final class Cancellation {
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

    /**
     * Fires the signal once; later calls do nothing. Callbacks run on the calling thread, every
     * one of them even when some throw (each guards its own cleanup); the first failure is then
     * rethrown with the others suppressed.
     */
    public void cancel() {
        synchronized (this) {
            if (cancelled.getCount() == 0) {
                return;
            }
            cancelled.countDown();
        }
        RuntimeException failure = null;
        for (Runnable r : callbacks) {
            try {
                r.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        callbacks.clear();
        if (failure != null) {
            throw failure;
        }
    }

    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    /** Throws {@link CancelledError} once the signal has fired. */
    public void check() {
        if (isCancelled()) {
            throw new CancelledError("the caller went away");
        }
    }

    /** Waits for the signal; true if it fired within the timeout. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return cancelled.await(timeout, unit);
    }

    /**
     * Runs the callback when the signal fires, at once if it already has. Close the returned
     * handle when the work it guards is done.
     */
    public AutoCloseableNoThrow onCancel(Runnable callback) {
        synchronized (this) {
            if (!isCancelled()) {
                callbacks.add(callback);
                return () -> callbacks.remove(callback);
            }
        }
        callback.run();
        return () -> { };
    }

    /** An {@link AutoCloseable} whose close throws nothing. */
    @FunctionalInterface
    public interface AutoCloseableNoThrow extends AutoCloseable {
        @Override
        void close();
    }
}
