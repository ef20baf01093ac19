package wharf.testing.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import wharf.engine.api.event.Event;
import wharf.engine.api.event.EventBus;
import wharf.engine.api.event.EventQuery;
import wharf.engine.api.event.Subscription;

/** An event bus that keeps what is published, for assertions; the code under test only publishes. */
public final class RecordingBus implements EventBus {
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Event event) {
        events.add(event);
    }

    @Override
    public Subscription subscribe(EventQuery query) {
        throw new UnsupportedOperationException("the code under test only publishes");
    }

    /** Every event so far, in order; live, so a test may clear it. */
    public List<Event> events() {
        return events;
    }

    /** The actions about one actor, in order; kill and die with their signal or exit code. */
    public List<String> actions(String actorId) {
        return events.stream().filter(e -> e.actorId().equals(actorId)).map(e -> {
            if (e.attributes().containsKey("signal")) {
                return e.action() + " " + e.attributes().get("signal");
            }
            if (e.attributes().containsKey("exitCode")) {
                return e.action() + " " + e.attributes().get("exitCode");
            }
            return e.action();
        }).toList();
    }

    /** "action name" per event, in order: what the image store's events say. */
    public List<String> namedActions() {
        return events.stream().map(e -> e.action() + " " + e.attributes().get("name")).toList();
    }
}
