package wharf.daemon.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;


import wharf.engine.api.ConflictError;
import wharf.engine.api.NotModifiedError;
import wharf.engine.api.SystemError;
import wharf.engine.api.container.PendingExit;
import wharf.engine.api.container.WaitContainer;
import wharf.engine.api.container.WaitResult;
import wharf.runtime.api.ContainerRuntime;
import wharf.runtime.api.RuntimeFailure;

/** The start, stop, kill, restart, pause, resize and wait jobs on a container's runs. */
final class Lifecycle {
    private static final int DEFAULT_STOP_TIMEOUT = 10;

    private final ContainerStore store;
    private final ContainerRuntime runtime;
    private final ContainerEvents events;
    private final Background background;
    private final ContainerSignals signals;
    private final Removal removal;
    private final ExitWatch exits;

    Lifecycle(ContainerStore store, ContainerRuntime runtime, ContainerEvents events, Background background,
            ContainerSignals signals, Removal removal) {
        this.store = store;
        this.runtime = runtime;
        this.events = events;
        this.background = background;
        this.signals = signals;
        this.removal = removal;
        // a restart policy's delayed start is a start like any other
        this.exits = new ExitWatch(store, runtime, events, background, this::startLocked, removal::removeQuietly);
    }

    ExitWatch exits() {
        return exits;
    }

    // ---- start ---------------------------------------------------------------------------------

    /** The start job: 304 when it runs; a new restart policy run, as a start by the user begins one. */
    void start(String name) {
        Container c = store.lookup(name);
        c.lock.lock();
        try {
            ContainerRecord r = c.record();
            checkNotRemoving(c, name);
            if (r.status().equals("paused")) {
                throw new ConflictError("cannot start a paused container, try unpause instead");
            }
            if (r.running()) {
                throw new NotModifiedError("Container " + r.id() + " is already running");
            }
            exits.resetRestarts(c);
            startLocked(c);
        } finally {
            c.lock.unlock();
        }
    }

    static void checkNotRemoving(Container c, String name) {
        if (c.removing) {
            throw new ConflictError("removal of container " + name + " is already in progress");
        }
    }

    /** Starts the container on the runtime and watches it; the caller holds its lock. */
    void startLocked(Container c) {
        ContainerRecord r = c.record();
        int pid;
        try {
            pid = runtime.start(r.id());
        } catch (RuntimeFailure e) {
            StartFailure failure = StartFailure.of(r.path(), e.getMessage());
            c.update(r.withState(States.failed(r.state(), failure.message(), failure.exitCode())));
            store.save(c);
            CompletableFuture<Integer> ended = c.endRun();
            background.later(() -> ended.complete(failure.exitCode()));
            if (r.hostConfig().autoRemove()) {
                background.later(() -> removal.removeQuietly(c));
            }
            throw failure.error();
        }
        c.update(r.withRun(States.running(r.state(), pid, Instant.now()), r.restartCount(), true,
                r.manuallyStopped()));
        store.save(c);
        events.publish(c.record(), "start", Map.of());
        exits.watch(c);
    }

    // ---- stop, kill, restart -------------------------------------------------------------------

    /** The stop job: the stop signal, {@code timeout} seconds, then SIGKILL; 304 if it does not run. */
    void stop(String name, String signal, Integer timeout) {
        Container c = store.lookup(name);
        int sig;
        int seconds;
        CompletableFuture<Integer> exit;
        c.lock.lock();
        try {
            ContainerRecord r = c.record();
            checkNotRemoving(c, name);
            if (!r.running()) {
                throw new NotModifiedError("Container " + r.id() + " is not running");
            }
            sig = signal == null || signal.isEmpty() ? ContainerSignals.stopSignal(r) : Signals.parse(signal);
            seconds = timeout != null ? timeout
                    : r.config().stopTimeout() != null ? r.config().stopTimeout() : DEFAULT_STOP_TIMEOUT;
            c.cancelPendingRestart();
            if (r.status().equals("restarting")) {
                c.update(r.withManuallyStopped(true));
                exits.stopRestarting(c);
                events.publish(c.record(), "stop", Map.of());
                return;
            }
            exit = c.nextExit();
            signals.signalLocked(c, sig);
        } finally {
            c.lock.unlock();
        }
        if (!await(exit, seconds < 0 ? null : Duration.ofSeconds(seconds))) {
            c.lock.lock();
            try {
                if (!exit.isDone()) {
                    signals.signalLocked(c, Signals.SIGKILL);
                }
            } finally {
                c.lock.unlock();
            }
            if (!await(exit, Removal.KILL_WAIT.multipliedBy(3))) {
                throw new SystemError("container " + c.id + " did not exit after SIGKILL");
            }
        }
        events.publish(c.record(), "stop", Map.of());
    }

    /** The kill job: SIGKILL unless a signal is named; 409 if it does not run. */
    void kill(String name, String signal) {
        int sig = signal == null || signal.isEmpty() ? Signals.SIGKILL : Signals.parse(signal);
        Container c = store.lookup(name);
        CompletableFuture<Integer> exit;
        c.lock.lock();
        try {
            ContainerRecord r = c.record();
            if (!r.running()) {
                throw new ConflictError("Cannot kill container: " + name + ": Container " + r.id() + " is not running");
            }
            boolean ends = sig == Signals.SIGKILL || sig == ContainerSignals.stopSignal(r);
            if (ends) {
                c.cancelPendingRestart();
            }
            if (r.status().equals("restarting")) {
                // nothing runs to signal; telling the restart not to happen is enough (as moby)
                c.update(r.withManuallyStopped(true));
                store.save(c);
                if (ends) {
                    exits.stopRestarting(c);
                }
                events.publish(c.record(), "kill", Map.of("signal", Integer.toString(sig)));
                return;
            }
            exit = c.nextExit();
            signals.signalLocked(c, sig);
        } finally {
            c.lock.unlock();
        }
        // as dockerd's Kill: a SIGKILL returns once the container has gone
        if (sig == Signals.SIGKILL) {
            await(exit, Removal.KILL_WAIT);
        }
    }

    /** The restart job: stop if it runs (its exit no business of the restart policy), start, {@code restart}. */
    void restart(String name, String signal, Integer timeout) {
        Container c = store.lookup(name);
        c.lock.lock();
        try {
            c.manualRestart = true;
        } finally {
            c.lock.unlock();
        }
        try {
            if (c.record().running()) {
                stop(c.id, signal, timeout);
            }
        } catch (NotModifiedError e) {
            // it stopped on its own meanwhile
        } finally {
            c.lock.lock();
            try {
                c.manualRestart = false;
            } finally {
                c.lock.unlock();
            }
        }
        c.lock.lock();
        try {
            checkNotRemoving(c, name);
            if (!c.record().running()) {
                exits.resetRestarts(c);
                startLocked(c);
            }
        } finally {
            c.lock.unlock();
        }
        events.publish(c.record(), "restart", Map.of());
    }

    // ---- pause, resize -------------------------------------------------------------------------

    void pause(String name, boolean pause) {
        Container c = store.lookup(name);
        c.lock.lock();
        try {
            ContainerRecord r = c.record();
            if (!r.running()) {
                throw new ConflictError("Container " + r.id() + " is not running");
            }
            if (r.status().equals("restarting")) {
                throw new ConflictError("Container " + r.id() + " is restarting, wait until the container is running");
            }
            boolean paused = r.status().equals("paused");
            if (pause && paused) {
                throw new ConflictError("Container " + r.id() + " is already paused");
            }
            if (!pause && !paused) {
                throw new ConflictError("Container " + r.id() + " is not paused");
            }
            try {
                if (pause) {
                    runtime.pause(r.id());
                } else {
                    runtime.resume(r.id());
                }
            } catch (RuntimeFailure e) {
                throw new SystemError(e.getMessage(), e);
            }
            c.update(r.withState(States.paused(r.state(), pause)));
            store.save(c);
            events.publish(c.record(), pause ? "pause" : "unpause", Map.of());
        } finally {
            c.lock.unlock();
        }
    }

    void resize(String name, int height, int width) {
        Container c = store.lookup(name);
        ContainerRecord r = c.record();
        if (!r.running() || r.status().equals("restarting")) {
            throw new ConflictError("Container " + r.id() + " is not running");
        }
        try {
            runtime.resize(r.id(), height, width);
        } catch (RuntimeFailure e) {
            throw new SystemError(e.getMessage(), e);
        }
        events.publish(r, "resize", Map.of("height", Integer.toString(height), "width", Integer.toString(width)));
    }

    // ---- wait ----------------------------------------------------------------------------------

    PendingExit await(String name, WaitContainer.Condition condition) {
        Container c = store.lookup(name);
        CompletableFuture<Integer> exit;
        c.lock.lock();
        try {
            ContainerRecord r = c.record();
            exit = switch (condition) {
                case NOT_RUNNING -> r.running() ? c.nextExit() : CompletableFuture.completedFuture(r.state().exitCode());
                case NEXT_EXIT -> c.nextExit();
                case REMOVED -> c.removed;
            };
        } finally {
            c.lock.unlock();
        }
        return new PendingExit(exit.thenApply(code -> WaitResult.of(code)));
    }

    /** The Containers service's {@code runEnded}. */
    CompletionStage<Void> runEnded(String id, boolean nextRun) {
        Container c = store.lookup(id);
        c.lock.lock();
        try {
            if (!c.record().running() && !nextRun) {
                return CompletableFuture.completedFuture(null);
            }
            return c.nextExit().thenApply(code -> null);
        } finally {
            c.lock.unlock();
        }
    }

    /** Waits for a run's end; null waits for ever. False if it did not end in time. */
    static boolean await(CompletableFuture<Integer> exit, Duration timeout) {
        try {
            if (timeout == null) {
                exit.get();
            } else {
                exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SystemError("interrupted while waiting for the container to exit", e);
        } catch (ExecutionException e) {
            return true;
        }
    }
}
