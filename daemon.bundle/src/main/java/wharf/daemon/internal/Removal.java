package wharf.daemon.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import wharf.engine.api.ConflictError;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.JobError;
import wharf.engine.api.SystemError;
import wharf.runtime.api.ContainerRuntime;

/** The rm job and auto-remove: the runtime's bundle, then the dir, then the name go; {@code destroy}. */
final class Removal {
    private static final Logger LOG = LoggerFactory.getLogger(Removal.class);
    static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final ContainerStore store;
    private final ContainerRuntime runtime;
    private final ContainerEvents events;
    private final ContainerSignals signals;

    Removal(ContainerStore store, ContainerRuntime runtime, ContainerEvents events, ContainerSignals signals) {
        this.store = store;
        this.runtime = runtime;
        this.events = events;
        this.signals = signals;
    }

    /** The rm job: force kills first. */
    void remove(String name, boolean force, boolean link) {
        if (link) {
            throw new InvalidParameterError("Conflict, cannot remove the default link name of the container");
        }
        Container c = store.lookup(name);
        CompletableFuture<Integer> exit = null;
        c.lock.lock();
        try {
            Lifecycle.checkNotRemoving(c, name);
            ContainerRecord r = c.record();
            if (r.running()) {
                if (!force) {
                    String procedure = "Stop the container before attempting removal or force remove";
                    if (r.status().equals("paused")) {
                        procedure = "Unpause and then " + procedure.toLowerCase(Locale.ROOT);
                    }
                    throw new ConflictError("You cannot remove a " + r.status() + " container " + r.id() + ". "
                            + procedure);
                }
                c.cancelPendingRestart();
                if (!r.status().equals("restarting")) {
                    exit = c.nextExit();
                    signals.signalLocked(c, Signals.SIGKILL);
                }
            }
            c.removing = true;
        } finally {
            c.lock.unlock();
        }
        if (exit != null) {
            Lifecycle.await(exit, KILL_WAIT);
        }
        removeNow(c);
    }

    private void removeNow(Container c) {
        CompletableFuture<Integer> ended;
        c.lock.lock();
        try {
            c.removing = true;
            ContainerRecord r = c.record();
            c.update(r.withState(States.removing(r.state())));
            try {
                runtime.delete(c.id);
                store.files.delete(c.id);
            } catch (IOException | RuntimeException e) {
                c.removing = false;
                c.update(r);
                throw new SystemError("unable to remove container " + c.id + ": " + e.getMessage(), e);
            }
            store.remove(c.id, r.bareName());
            ended = c.endRun();
            events.publish(r, "destroy", Map.of());
            c.removed.complete(r.state().exitCode());
            ended.complete(r.state().exitCode());
        } finally {
            c.lock.unlock();
        }
    }

    /** Auto-remove after an exit or a failed start; one already removed is fine. */
    void removeQuietly(Container c) {
        if (c.removed.isDone() || !store.contains(c.id)) {
            return;
        }
        try {
            removeNow(c);
        } catch (JobError e) {
            LOG.warn("Cannot auto-remove container {}: {}", c.id, e.getMessage());
        }
    }
}
