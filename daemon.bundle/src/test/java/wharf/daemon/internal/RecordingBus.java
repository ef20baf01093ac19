package wharf.daemon.internal;

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
        throw new UnsupportedOperationException("the daemon only publishes");
    }

    /** The actions about one container, in order; kill and die with their signal or exit code. */
    List<String> actions(String id) {
        return events.stream().filter(e -> e.actorId().equals(id)).map(e -> {
            if (e.attributes().containsKey("signal")) {
                return e.action() + " " + e.attributes().get("signal");
            }
            if (e.attributes().containsKey("exitCode")) {
                return e.action() + " " + e.attributes().get("exitCode");
            }
            return e.action();
        }).toList();
    }
}
