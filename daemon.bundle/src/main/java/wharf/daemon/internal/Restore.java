package wharf.daemon.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import wharf.common.GoTime;
import wharf.engine.api.JobError;
import wharf.runtime.api.ContainerRuntime;
import wharf.runtime.api.ContainerState;

/**
 * Activation finds the containers again (moby's {@code restore}): every record is read back and
 * the runtime asked about it; one that still runs is watched again; one that stopped while no
 * daemon watched is marked exited with its code and then restarted or removed as its policy
 * says. A dir without a record is a create that never finished, and goes.
 */
final class Restore {
    private static final Logger LOG = LoggerFactory.getLogger(Restore.class);

    private final ContainerStore store;
    private final ContainerRuntime runtime;
    private final Background background;
    private final Lifecycle lifecycle;
    private final Removal removal;

    Restore(ContainerStore store, ContainerRuntime runtime, Background background, Lifecycle lifecycle,
            Removal removal) {
        this.store = store;
        this.runtime = runtime;
        this.background = background;
        this.lifecycle = lifecycle;
        this.removal = removal;
    }

    void run() throws IOException {
        List<Container> toStart = new ArrayList<>();
        List<Container> toRemove = new ArrayList<>();
        ContainerFiles files = store.files;
        for (String id : files.ids()) {
            if (!files.hasRecord(id)) {
                LOG.info("Removing {}, a container whose create did not finish", id);
                try {
                    runtime.delete(id);
                } catch (RuntimeException e) {
                    LOG.warn("Cannot delete {} from the runtime: {}", id, e.getMessage());
                }
                files.delete(id);
                continue;
            }
            ContainerRecord r;
            try {
                r = files.read(id);
            } catch (IOException e) {
                LOG.error("Cannot read container {}: {}", id, e.getMessage());
                continue;
            }
            Container c = new Container(r);
            store.restored(c);
            restoreState(c, toStart, toRemove);
        }
        // after every record is back, so that names and lookups work while these run
        toStart.forEach(c -> background.later(() -> startOnRestore(c)));
        toRemove.forEach(c -> background.later(() -> removal.removeQuietly(c)));
    }

    private void restoreState(Container c, List<Container> toStart, List<Container> toRemove) {
        ContainerRecord r = c.record();
        Optional<ContainerState> state = Optional.empty();
        try {
            state = runtime.state(c.id);
        } catch (RuntimeException e) {
            LOG.warn("Cannot learn the state of container {}: {}", c.id, e.getMessage());
        }
        if (r.running()) {
            ContainerState.Status status = state.map(ContainerState::status).orElse(ContainerState.Status.STOPPED);
            if (status == ContainerState.Status.RUNNING || status == ContainerState.Status.PAUSED) {
                boolean paused = status == ContainerState.Status.PAUSED;
                c.update(r.withState(States.paused(States.stillRunning(r.state(), state.get().pid()), paused)));
                store.save(c);
                lifecycle.exits().watch(c);
                return;
            }
            int code = state.flatMap(ContainerState::exitCode).orElse(ExitWatch.UNKNOWN_EXIT);
            Instant finished = state.flatMap(ContainerState::finishedAt).orElse(Instant.now());
            c.update(r.withState(States.exited(r.state(), code, finished)));
            store.save(c);
            r = c.record();
        }
        if (!r.status().equals("exited") || !r.startedBefore()) {
            return;
        }
        Instant started = GoTime.parse(r.state().startedAt());
        Instant finished = GoTime.parse(r.state().finishedAt());
        Duration ran = started == null || finished == null ? Duration.ZERO : Duration.between(started, finished);
        // the policy's count goes on from the record: on-failure:2 that has restarted twice stays down
        if (new RestartManager(r.hostConfig().restartPolicy(), r.restartCount()).shouldRestart(r.state().exitCode(),
                r.manuallyStopped(), ran) != null) {
            toStart.add(c);
        } else if (r.hostConfig().autoRemove()) {
            toRemove.add(c);
        }
    }

    private void startOnRestore(Container c) {
        c.lock.lock();
        try {
            if (!c.record().running() && !c.removing) {
                lifecycle.startLocked(c);
            }
        } catch (JobError e) {
            LOG.warn("Container {} could not be started again: {}", c.id, e.getMessage());
        } finally {
            c.lock.unlock();
        }
    }
}
