package wharf.engine.api.event;

import java.util.Set;
import wharf.engine.api.Filters;

/**
 * What a subscriber wants: events from {@code sinceNanos} (replayed from the bus's history) up
 * to {@code untilNanos} (the subscription ends there), matching the filters. A bound of 0 is
 * absent: no since and no until means live events only, as dockerd.
 */
public record EventQuery(long sinceNanos, long untilNanos, Filters filters) {
    /** The filter keys dockerd accepts on {@code /events}. */
    public static final Set<String> FILTER_KEYS = Set.of("config", "container", "daemon", "event", "image",
            "label", "network", "node", "plugin", "scope", "secret", "service", "type", "volume");

    public EventQuery {
        filters = filters == null ? Filters.empty() : filters.validate(FILTER_KEYS);
    }

    public static EventQuery live() {
        return new EventQuery(0, 0, Filters.empty());
    }

    /** True when replay from history is asked for. */
    public boolean replays() {
        return sinceNanos != 0 || untilNanos != 0;
    }

    /** Whether the event falls inside the bounds and passes the filters. */
    public boolean matches(Event e) {
        if (sinceNanos != 0 && e.timeNano() < sinceNanos) {
            return false;
        }
        if (untilNanos != 0 && e.timeNano() > untilNanos) {
            return false;
        }
        return matchesFilters(e);
    }

    private boolean matchesFilters(Event e) {
        Filters f = filters;
        if (!f.exactMatch("type", e.type()) || !f.exactMatch("event", e.action()) || !f.exactMatch("scope", e.scope())) {
            return false;
        }
        if (!f.matchKeyValues("label", e.attributes())) {
            return false;
        }
        return matchesActor(f, "container", "container", e) && matchesActor(f, "network", "network", e)
                && matchesActor(f, "volume", "volume", e) && matchesActor(f, "plugin", "plugin", e)
                && matchesActor(f, "daemon", "daemon", e) && matchesImage(f, e);
    }

    /** A key naming an object matches its ID or its name. */
    private static boolean matchesActor(Filters f, String key, String type, Event e) {
        if (!f.contains(key)) {
            return true;
        }
        if (!type.equals(e.type())) {
            return false;
        }
        return f.get(key).contains(e.actorId()) || f.get(key).contains(e.attributes().get("name"));
    }

    /** {@code image} matches image events by ID or name and container events by their image. */
    private static boolean matchesImage(Filters f, Event e) {
        if (!f.contains("image")) {
            return true;
        }
        Set<String> accepted = f.get("image");
        String image = e.attributes().get("image");
        if (accepted.contains(e.actorId()) || (image != null && accepted.contains(image))) {
            return true;
        }
        return image != null && image.endsWith(":latest")
                && accepted.contains(image.substring(0, image.length() - ":latest".length()));
    }
}
