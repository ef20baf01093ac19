package wharf.daemon.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import wharf.common.FilterTime;
import wharf.engine.api.ConflictError;
import wharf.engine.api.Filters;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.JobError;
import wharf.engine.api.SystemError;
import wharf.engine.api.container.ContainerPruneReport;
import wharf.engine.api.container.HostConfig;
import wharf.engine.api.container.UpdateContainer;
import wharf.runtime.api.ContainerRuntime;
import wharf.runtime.api.RuntimeFailure;

/** The rename, update and container prune jobs. */
final class ContainerEdits {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerEdits.class);

    private final ContainerStore store;
    private final ContainerRuntime runtime;
    private final ContainerEvents events;
    private final Removal removal;
    /** Set while a container prune runs: dockerd runs one at a time. */
    private final AtomicBoolean pruning = new AtomicBoolean();

    ContainerEdits(ContainerStore store, ContainerRuntime runtime, ContainerEvents events, Removal removal) {
        this.store = store;
        this.runtime = runtime;
        this.events = events;
        this.removal = removal;
    }

    /** The rename job, as moby's {@code ContainerRename}: the new name is taken before the old one goes. */
    void rename(String name, String newName) {
        if (name == null || name.isEmpty() || newName == null || newName.isEmpty()) {
            throw new InvalidParameterError("Neither old nor new names may be empty");
        }
        String wanted = newName.startsWith("/") ? newName : "/" + newName;
        Container c = store.lookup(name);
        c.lock.lock();
        try {
            ContainerRecord r = c.record();
            if (r.name().equals(wanted)) {
                throw new InvalidParameterError("Renaming a container with the same name as its current name");
            }
            String bare;
            try {
                bare = store.reserve(Names.validate(wanted), c.id);
            } catch (InvalidParameterError | ConflictError e) {
                String message = "Error when allocating new name: " + e.getMessage();
                throw e instanceof ConflictError ? new ConflictError(message) : new InvalidParameterError(message);
            }
            c.update(r.withName(wanted));
            try {
                store.save(c);
            } catch (SystemError e) {
                c.update(r);
                store.release(bare, c.id);
                throw e;
            }
            store.release(r.bareName(), c.id);
            events.publish(c.record(), "rename", Map.of("oldName", r.name()));
        } finally {
            c.lock.unlock();
        }
    }

    /**
     * The update job, as moby's {@code ContainerUpdate}: a running container gets the new limits
     * now, a stopped one at its next start (the runtime keeps them in the bundle); the host config
     * keeps them either way.
     */
    void update(String name, UpdateContainer.Resources update) {
        Container c = store.lookup(name);
        c.lock.lock();
        try {
            ContainerRecord r = c.record();
            if (c.removing || r.status().equals("dead")) {
                throw new SystemError("Cannot update container " + r.id()
                        + ": container is marked for removal and cannot be \"update\"");
            }
            HostConfig updated = ContainerUpdates.apply(r.id(), r.hostConfig(), update);
            try {
                runtime.update(r.id(), ContainerUpdates.changed(update));
            } catch (RuntimeFailure e) {
                throw new SystemError("Cannot update container " + r.id() + ": " + e.getMessage(), e);
            }
            c.update(r.withHostConfig(updated));
            store.save(c);
            if (!updated.restartPolicy().equals(r.hostConfig().restartPolicy())) {
                c.restarts = new RestartManager(updated.restartPolicy(), r.restartCount());
            }
            events.publish(c.record(), "update", Map.of());
        } finally {
            c.lock.unlock();
        }
    }

    /**
     * The container prune job, as moby's {@code ContainersPrune}: every container that does not
     * run, created before {@code until} and matching the labels, is removed; one that cannot be
     * is skipped. One prune at a time.
     */
    ContainerPruneReport prune(Filters filters) {
        Filters f = filters.validate(Set.of("until", "label", "label!"));
        Set<String> untils = f.get("until");
        if (untils.size() > 1) {
            throw new InvalidParameterError("more than one until filter specified");
        }
        Instant until = untils.isEmpty() ? null : FilterTime.timestamp(untils.iterator().next(), Instant.now());
        if (!pruning.compareAndSet(false, true)) {
            throw new ConflictError("a prune operation is already running");
        }
        try {
            List<String> deleted = new ArrayList<>();
            long reclaimed = 0;
            for (ContainerRecord r : store.records()) {
                if (r.running() || until != null && Instant.parse(r.created()).isAfter(until)
                        || !prunable(f, r.config().labels())) {
                    continue;
                }
                long size = ContainerFiles.size(store.dir(r.id()).resolve("bundle/upper"));
                try {
                    removal.remove(r.id(), false, false);
                } catch (JobError e) {
                    LOG.warn("Failed to prune container {}: {}", r.id(), e.getMessage());
                    continue;
                }
                reclaimed += size;
                deleted.add(r.id());
            }
            events.prune(reclaimed);
            return new ContainerPruneReport(deleted.isEmpty() ? null : deleted, reclaimed);
        } finally {
            pruning.set(false);
        }
    }

    /** moby's prune {@code matchLabels}: every {@code label} holds, no {@code label!} does. */
    static boolean prunable(Filters f, Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        return f.matchKeyValues("label", l) && (!f.contains("label!") || !f.matchKeyValues("label!", l));
    }
}
