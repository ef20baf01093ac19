package wharf.daemon.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A container in memory: its current record (a snapshot readers take without locking), the lock
 * that orders its state changes, and what waits on it. Fields other than the record are guarded
 * by the lock.
 */
final class Container {
    final String id;
    final ReentrantLock lock = new ReentrantLock();
    /** Completes with the last exit code once the container is removed. */
    final CompletableFuture<Integer> removed = new CompletableFuture<>();
    private volatile ContainerRecord record;
    private final Set<String> execIds = new LinkedHashSet<>();
    private CompletableFuture<Integer> nextExit = new CompletableFuture<>();
    RestartManager restarts;
    /** Counts the runs, so that a monitor of an earlier run never reports on a later one. */
    long run;
    /** Set while the restart job stops the container: its exit is not the policy's business. */
    boolean manualRestart;
    boolean removing;
    ScheduledFuture<?> pendingRestart;

    Container(ContainerRecord record) {
        this.id = record.id();
        this.record = record;
        this.restarts = new RestartManager(record.hostConfig().restartPolicy(), record.restartCount());
    }

    ContainerRecord record() {
        return record;
    }

    void update(ContainerRecord newRecord) {
        this.record = newRecord;
    }

    /** Completes with the exit code of the current run, or of the next one if none runs. */
    CompletableFuture<Integer> nextExit() {
        return nextExit;
    }

    /** The current run's future, replaced by the next run's: the caller completes it, outside the lock. */
    CompletableFuture<Integer> endRun() {
        CompletableFuture<Integer> ended = nextExit;
        nextExit = new CompletableFuture<>();
        return ended;
    }

    void cancelPendingRestart() {
        restarts.cancel();
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
        }
    }

    List<String> execIds() {
        synchronized (execIds) {
            return new ArrayList<>(execIds);
        }
    }

    void exec(String execId, boolean present) {
        synchronized (execIds) {
            if (present) {
                execIds.add(execId);
            } else {
                execIds.remove(execId);
            }
        }
    }
}
