package wharf.engine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import wharf.engine.api.JobInterceptor;

/**
 * The whiteboard's job interceptors in the order they run (see {@link Rank}). Copy-on-write,
 * like {@link HandlerTable}: a job runs with the interceptors present when it started.
 */
final class Interceptors {
    private record Entry(Rank rank, JobInterceptor interceptor) {
    }

    private final Object writeLock = new Object();
    /** Sorted; guarded by {@link #writeLock}. */
    private List<Entry> entries = List.of();
    /** The interceptors of {@link #entries}, in the same order, ready for a run. */
    private volatile List<JobInterceptor> inOrder = List.of();

    List<JobInterceptor> inOrder() {
        return inOrder;
    }

    /** Adds the interceptor, or moves it when its ranking changed. */
    void put(Rank rank, JobInterceptor interceptor) {
        synchronized (writeLock) {
            List<Entry> next = without(rank);
            next.add(new Entry(rank, interceptor));
            next.sort(Comparator.comparing(Entry::rank));
            publish(next);
        }
    }

    void remove(Rank rank) {
        synchronized (writeLock) {
            publish(without(rank));
        }
    }

    private List<Entry> without(Rank origin) {
        List<Entry> next = new ArrayList<>(entries);
        next.removeIf(e -> e.rank().sameOrigin(origin));
        return next;
    }

    private void publish(List<Entry> next) {
        entries = List.copyOf(next);
        inOrder = next.stream().map(Entry::interceptor).toList();
    }
}
