package wharf.daemon.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The container daemon's one background thread (delayed restarts, work that must not run under a
 * container's lock) and whether the daemon has been closed.
 */
final class Background {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wharf-restarts");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    /**
     * Runs work off the caller's thread and outside its lock (waiters' callbacks, removals); on
     * the caller's thread once closed.
     */
    void later(Runnable work) {
        try {
            scheduler.execute(work);
        } catch (RejectedExecutionException e) {
            work.run();
        }
    }

    ScheduledFuture<?> after(Duration delay, Runnable work) {
        return scheduler.schedule(work, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
        scheduler.shutdownNow();
    }
}
