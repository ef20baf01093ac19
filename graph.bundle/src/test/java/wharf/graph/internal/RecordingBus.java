package wharf.graph.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import wharf.engine.api.event.Event;
import wharf.engine.api.event.EventBus;
import wharf.engine.api.event.EventQuery;
import wharf.engine.api.event.Subscription;

/** Keeps what is published, for assertions. */
final class RecordingBus implements EventBus {
    final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Event event) {
        events.add(event);
    }

    @Override
    public Subscription subscribe(EventQuery query) {
        throw new UnsupportedOperationException("the store only publishes");
    }

    /** "action name" per event, in order. */
    List<String> actions() {
        return events.stream().map(e -> e.action() + " " + e.attributes().get("name")).toList();
    }
}
