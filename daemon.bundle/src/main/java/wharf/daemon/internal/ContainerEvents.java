package wharf.daemon.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import wharf.engine.api.event.Event;
import wharf.engine.api.event.EventBus;

/**
 * Container events on the engine's bus, as dockerd logs them: the actor is the container's ID;
 * its attributes are the container's labels, then {@code image} (the name given at create) and
 * {@code name}, then what the action adds ({@code exitCode} for die, {@code signal} for kill).
 */
final class ContainerEvents {
    private final EventBus bus;

    ContainerEvents(EventBus bus) {
        this.bus = bus;
    }

    void publish(ContainerRecord r, String action, Map<String, String> extra) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (r.config().labels() != null) {
            attributes.putAll(r.config().labels());
        }
        attributes.put("image", r.config().image());
        attributes.put("name", r.bareName());
        if (extra != null) {
            attributes.putAll(extra);
        }
        bus.publish(Event.now("container", action, r.id(), attributes));
    }

    /** The event a container prune ends with: no actor, the bytes freed. */
    void prune(long reclaimed) {
        bus.publish(Event.now("container", "prune", "", Map.of("reclaimed", Long.toString(reclaimed))));
    }
}
