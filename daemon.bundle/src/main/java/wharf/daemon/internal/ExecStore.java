package wharf.daemon.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.NotFoundError;
import wharf.engine.api.container.ExecConfig;

/**
 * The exec instances, in memory: they need not outlive the daemon, as dockerd's do not. An exec
 * goes with its container; rather than listening for removals, a lookup finds that its container
 * is gone, and each new exec sweeps those of removed containers.
 */
@Component(service = ExecStore.class)
public final class ExecStore {
    private final Containers containers;
    private final Map<String, ExecRecord> execs = new ConcurrentHashMap<>();

    @Activate
    public ExecStore(@Reference Containers containers) {
        this.containers = containers;
    }

    /** Records a new exec with a fresh 64-hex ID. */
    ExecRecord add(String containerId, ExecConfig config) {
        execs.values().removeIf(record -> !containerExists(record.containerId()));
        while (true) {
            ExecRecord record = new ExecRecord(Ids.generate(), containerId, config);
            if (execs.putIfAbsent(record.id(), record) == null) {
                return record;
            }
        }
    }

    /**
     * The exec by its full ID.
     *
     * @throws NotFoundError {@code No such exec instance: <id>}, also when its container was removed
     */
    ExecRecord get(String id) {
        ExecRecord record = id == null ? null : execs.get(id);
        if (record != null && !containerExists(record.containerId())) {
            execs.remove(id, record);
            record = null;
        }
        if (record == null) {
            throw new NotFoundError("No such exec instance: " + id);
        }
        return record;
    }

    private boolean containerExists(String containerId) {
        try {
            containers.get(containerId);
            return true;
        } catch (NotFoundError e) {
            return false;
        }
    }
}
