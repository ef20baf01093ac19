package wharf.daemon.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import wharf.common.GoTime;
import wharf.engine.api.JobError;
import wharf.runtime.api.ContainerRuntime;
import wharf.runtime.api.ContainerState;

/**
 * Watches running containers for their exit: records it, says {@code die}, wakes the waiters,
 * then applies the restart policy (a delayed start) or auto-remove.
 */
final class ExitWatch {
    private static final Logger LOG = LoggerFactory.getLogger(ExitWatch.class);
    private static final Duration WATCH_WINDOW = Duration.ofMillis(500);
    static final int UNKNOWN_EXIT = 255;

    private final ContainerStore store;
    private final ContainerRuntime runtime;
    private final ContainerEvents events;
    private final Background background;
    /** Starts a container whose restart delay has passed; the caller holds its lock. */
    private final Consumer<Container> restart;
    private final Consumer<Container> autoRemove;

    ExitWatch(ContainerStore store, ContainerRuntime runtime, ContainerEvents events, Background background,
            Consumer<Container> restart, Consumer<Container> autoRemove) {
        this.store = store;
        this.runtime = runtime;
        this.events = events;
        this.background = background;
        this.restart = restart;
        this.autoRemove = autoRemove;
    }

    /** One daemon thread per running container, waiting for its exit in short windows so it can stop. */
    void watch(Container c) {
        long run = ++c.run;
        Thread t = new Thread(() -> awaitExit(c, run), "wharf-exit-" + Ids.shortId(c.id));
        t.setDaemon(true);
        t.start();
    }

    private void awaitExit(Container c, long run) {
        while (!background.closed() && !c.removed.isDone()) {
            try {
                Optional<ContainerState> state = runtime.awaitExit(c.id, WATCH_WINDOW);
                if (state.isPresent()) {
                    exited(c, run, state.get());
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warn("Cannot learn whether container {} still runs: {}", c.id, e.getMessage());
                sleep(WATCH_WINDOW);
            }
        }
    }

    /** The run ended: record it, say {@code die}, wake the waiters, then restart or auto-remove. */
    private void exited(Container c, long run, ContainerState state) {
        int code = state.exitCode().orElse(UNKNOWN_EXIT);
        CompletableFuture<Integer> ended;
        boolean remove;
        c.lock.lock();
        try {
            ContainerRecord r = c.record();
            if (c.run != run || !r.running() || background.closed()) {
                return;
            }
            Instant finished = state.finishedAt().orElse(Instant.now());
            Instant started = GoTime.parse(r.state().startedAt());
            Duration ran = started == null ? Duration.ZERO : Duration.between(started, finished);
            Duration delay = c.manualRestart || c.removing ? null
                    : c.restarts.shouldRestart(code, r.manuallyStopped(), ran);
            if (delay != null) {
                c.update(r.withRun(States.restarting(r.state(), code, finished), r.restartCount() + 1, true,
                        r.manuallyStopped()));
                c.pendingRestart = background.after(delay, () -> restartAfterDelay(c));
            } else {
                c.update(r.withState(States.exited(r.state(), code, finished)));
            }
            store.save(c);
            events.publish(c.record(), "die", Map.of("exitCode", Integer.toString(code)));
            ended = c.endRun();
            remove = delay == null && r.hostConfig().autoRemove() && !c.manualRestart && !c.removing;
        } finally {
            c.lock.unlock();
        }
        ended.complete(code);
        if (remove) {
            autoRemove.accept(c);
        }
    }

    private void restartAfterDelay(Container c) {
        c.lock.lock();
        try {
            ContainerRecord r = c.record();
            if (c.removing || !r.status().equals("restarting")) {
                return;
            }
            if (c.restarts.cancelled()) {
                stopRestarting(c);
                return;
            }
            try {
                restart.accept(c);
            } catch (JobError e) {
                LOG.warn("Container {} could not be restarted: {}", c.id, e.getMessage());
                stopRestarting(c);
            }
        } finally {
            c.lock.unlock();
        }
    }

    /** moby's {@code ResetRestartManager(true)}: a fresh policy run with RestartCount 0. */
    void resetRestarts(Container c) {
        c.cancelPendingRestart();
        ContainerRecord r = c.record();
        c.update(r.withRun(r.state(), 0, r.startedBefore(), false));
        c.restarts = new RestartManager(r.hostConfig().restartPolicy(), 0);
    }

    /** A restarting container that will not run again becomes exited with its last exit code. */
    void stopRestarting(Container c) {
        ContainerRecord r = c.record();
        if (r.status().equals("restarting")) {
            c.update(r.withState(States.exited(r.state(), r.state().exitCode(), GoTime.parse(r.state().finishedAt()))));
            store.save(c);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
