package wharf.engine.internal;

import java.util.ArrayList;
import java.util.List;
import wharf.engine.api.event.Event;
import wharf.engine.api.event.EventQuery;

/**
 * The last events published, oldest first, in a fixed ring: dockerd keeps a bounded log for
 * {@code since} replays in the same way. Not thread-safe; the bus guards it.
 */
final class EventHistory {
    private final Event[] ring;
    /** Where the next event goes. */
    private int next;
    private int size;

    EventHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("event history capacity must be positive: " + capacity);
        }
        ring = new Event[capacity];
    }

    void add(Event event) {
        ring[next] = event;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    int size() {
        return size;
    }

    /** The kept events the query matches, oldest first. */
    List<Event> matching(EventQuery query) {
        List<Event> matched = new ArrayList<>();
        int oldest = (next - size + ring.length) % ring.length;
        for (int i = 0; i < size; i++) {
            Event event = ring[(oldest + i) % ring.length];
            if (query.matches(event)) {
                matched.add(event);
            }
        }
        return matched;
    }
}
