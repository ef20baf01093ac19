package wharf.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import wharf.engine.api.event.Event;
import wharf.engine.api.event.EventBus;
import wharf.engine.api.event.EventQuery;
import wharf.engine.api.event.Subscription;

/**
 * The bus behind {@code /events}: a bounded history for replays and a bounded queue per
 * subscriber. One lock orders everything: a publish appends to the history and offers to every
 * subscriber under it, and a subscribe copies its replay from the history and joins the
 * subscribers under it, so no event falls between replay and live, or arrives twice.
 * Immediate, so the history outlives the moments nobody is subscribed.
 */
@Component(service = EventBus.class, immediate = true)
public final class EventBusImpl implements EventBus {
    /** How many past events a {@code since} replay can reach (dockerd keeps 256). */
    static final int HISTORY = 1024;
    /** How far a subscriber may fall behind before it is ended. */
    static final int BACKLOG = 1024;

    private final Object lock = new Object();
    private final int backlog;
    /** Guarded by {@link #lock}. */
    private final EventHistory history;
    /** Guarded by {@link #lock}. */
    private final List<EventSubscription> subscribers = new ArrayList<>();
    /** Guarded by {@link #lock}. */
    private boolean closed;

    public EventBusImpl() {
        this(HISTORY, BACKLOG);
    }

    EventBusImpl(int historySize, int backlog) {
        if (backlog < 1) {
            throw new IllegalArgumentException("subscriber backlog must be positive: " + backlog);
        }
        this.history = new EventHistory(historySize);
        this.backlog = backlog;
    }

    /** Never blocks on a subscriber: each offer is a bounded queue insert or an eviction. */
    @Override
    public void publish(Event event) {
        Objects.requireNonNull(event, "event");
        synchronized (lock) {
            history.add(event);
            subscribers.removeIf(subscriber -> !subscriber.offer(event));
        }
    }

    @Override
    public Subscription subscribe(EventQuery query) {
        Objects.requireNonNull(query, "query");
        synchronized (lock) {
            List<Event> replay = query.replays() ? history.matching(query) : List.of();
            EventSubscription subscription = new EventSubscription(this, query, replay, backlog);
            if (closed) {
                subscription.end();
            } else if (!subscription.untilPassed()) {
                // One whose until has passed only drains its replay: nothing live can match.
                subscribers.add(subscription);
            }
            return subscription;
        }
    }

    /** Ends every subscription, so {@code /events} streams finish when the engine stops. */
    @Deactivate
    void close() {
        List<EventSubscription> ending;
        synchronized (lock) {
            closed = true;
            ending = new ArrayList<>(subscribers);
            subscribers.clear();
        }
        ending.forEach(EventSubscription::end);
    }

    /** Called by a subscription that has ended on its own side. */
    void leave(EventSubscription subscription) {
        synchronized (lock) {
            subscribers.remove(subscription);
        }
    }

    int subscriberCount() {
        synchronized (lock) {
            return subscribers.size();
        }
    }
}
