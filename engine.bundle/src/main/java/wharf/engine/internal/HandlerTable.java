package wharf.engine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The handlers of every job, each job's list sorted by {@link Rank}. Copy-on-write: a job that
 * is running keeps the handler it looked up even when that handler is withdrawn meanwhile, and
 * lookups never wait for a bundle coming or going.
 */
final class HandlerTable {
    private final Object writeLock = new Object();
    /** Immutable snapshot, replaced whole under {@link #writeLock}; lists are never empty. */
    private volatile Map<String, List<Handler>> byJob = Map.of();

    /** The handler that runs the job now, or null when none is offered. */
    Handler serving(String job) {
        return first(byJob, job);
    }

    /** The job's handlers, the serving one first. */
    List<Handler> handlers(String job) {
        return byJob.getOrDefault(job, List.of());
    }

    /** The names of the jobs that have a handler now. */
    Set<String> jobs() {
        return byJob.keySet();
    }

    /**
     * Atomically withdraws every handler of the given origin and adds the fresh ones: binding,
     * updating and unbinding a whiteboard service are all this one step, so no lookup sees the
     * service half moved.
     *
     * @return the jobs whose serving handler changed
     * @throws IllegalArgumentException when a fresh handler declares types that disagree with a
     *                                  handler already registered for its job
     */
    Set<String> replace(Rank origin, List<Handler> fresh) {
        synchronized (writeLock) {
            Map<String, List<Handler>> next = new HashMap<>();
            byJob.forEach((job, handlers) -> next.put(job, new ArrayList<>(handlers)));
            next.values().forEach(handlers -> handlers.removeIf(h -> h.rank().sameOrigin(origin)));
            for (Handler handler : fresh) {
                List<Handler> handlers = next.computeIfAbsent(handler.job(), job -> new ArrayList<>());
                for (Handler present : handlers) {
                    if (!present.agreesWith(handler.declared())) {
                        throw new IllegalArgumentException("job '" + handler.job() + "' is declared as "
                                + present.declared() + " by its " + present + ", not as " + handler.declared());
                    }
                }
                handlers.add(handler);
            }
            Map<String, List<Handler>> snapshot = new HashMap<>();
            next.forEach((job, handlers) -> {
                if (!handlers.isEmpty()) {
                    handlers.sort(Comparator.comparing(Handler::rank));
                    snapshot.put(job, List.copyOf(handlers));
                }
            });
            Map<String, List<Handler>> previous = byJob;
            byJob = Map.copyOf(snapshot);
            return changedServers(previous, byJob);
        }
    }

    private static Set<String> changedServers(Map<String, List<Handler>> before, Map<String, List<Handler>> after) {
        Set<String> jobs = new TreeSet<>(before.keySet());
        jobs.addAll(after.keySet());
        jobs.removeIf(job -> first(before, job) == first(after, job));
        return jobs;
    }

    private static Handler first(Map<String, List<Handler>> table, String job) {
        List<Handler> handlers = table.get(job);
        return handlers == null ? null : handlers.get(0);
    }
}
