package wharf.server.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.engine.api.Cancellation;

/**
 * The streams each route group is serving (an event stream, logs that follow, a hijacked attach),
 * so that a group that goes away ends them: otherwise they would run on for as long as the client
 * stays, on the code of a bundle that was stopped or replaced. The client sees its stream end
 * (the last chunk, or the connection closing) instead of a stream that no longer belongs to anything.
 * Groups are known by their service ID, which the framework never reuses.
 */
final class GroupStreams {
    private static final Logger LOG = LoggerFactory.getLogger(GroupStreams.class);

    /** Registers what ends one stream of a group. */
    @FunctionalInterface
    interface Guard {
        /**
         * Runs {@code end} when the group goes away, at once when it already has; close the handle
         * when the stream ends by itself.
         */
        Cancellation.AutoCloseableNoThrow open(Runnable end);
    }

    private final Set<Long> mounted = ConcurrentHashMap.newKeySet();
    private final Map<Long, Set<Runnable>> ends = new ConcurrentHashMap<>();

    void mounted(long group) {
        mounted.add(group);
    }

    /** Ends every stream of the group, and any it opens later. */
    void withdrawn(long group) {
        mounted.remove(group);
        Set<Runnable> open = ends.remove(group);
        if (open != null && !open.isEmpty()) {
            LOG.debug("Ending {} streams of a withdrawn route group", open.size());
            open.forEach(GroupStreams::run);
        }
    }

    boolean isMounted(long group) {
        return mounted.contains(group);
    }

    Guard guard(long group) {
        return end -> open(group, end);
    }

    private Cancellation.AutoCloseableNoThrow open(long group, Runnable end) {
        ends.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).add(end);
        if (!mounted.contains(group)) {
            // withdrawn while the stream started: withdrawn() may have missed it
            forget(group, end);
            run(end);
        }
        return () -> forget(group, end);
    }

    private void forget(long group, Runnable end) {
        ends.computeIfPresent(group, (g, open) -> {
            open.remove(end);
            return open.isEmpty() ? null : open;
        });
    }

    private static void run(Runnable end) {
        try {
            end.run();
        } catch (RuntimeException e) {
            LOG.warn("Ending a stream of a withdrawn route group failed", e);
        }
    }
}
