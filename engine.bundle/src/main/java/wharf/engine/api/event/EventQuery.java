package wharf.engine.api.event;

import java.util.List;
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

    /** Actions whose detail follows a colon; a bare filter value matches them by prefix. */
    private static final Set<String> PREFIX_ACTIONS = Set.of("exec_create", "exec_start", "health_status");

    /** Docker Hub's domains, dropped from a reference's short form. */
    private static final List<String> HUB_PREFIXES = List.of("docker.io/", "index.docker.io/");

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
        if (!matchesAction(f, e) || !f.exactMatch("type", e.type()) || !f.exactMatch("scope", e.scope())) {
            return false;
        }
        if (!f.matchKeyValues("label", e.attributes())) {
            return false;
        }
        return matchesActor(f, "container", e) && matchesActor(f, "network", e) && matchesActor(f, "volume", e)
                && matchesActor(f, "plugin", e) && matchesActor(f, "daemon", e) && matchesActor(f, "service", e)
                && matchesActor(f, "node", e) && matchesActor(f, "secret", e) && matchesActor(f, "config", e)
                && matchesImage(f, e);
    }

    /**
     * Exec and health actions carry their detail after a colon ({@code exec_start: sh -c …},
     * {@code health_status: healthy}); when the filter names one of them bare, every value
     * matches by prefix, as dockerd does (moby#25798).
     */
    private static boolean matchesAction(Filters f, Event e) {
        Set<String> accepted = f.get("event");
        if (accepted.stream().anyMatch(PREFIX_ACTIONS::contains)) {
            return f.prefixMatch("event", e.action());
        }
        return f.exactMatch("event", e.action());
    }

    /**
     * A key naming an object kind matches events of that kind whose ID or {@code name} attribute
     * starts with one of its values (dockerd's fuzzy match).
     */
    private static boolean matchesActor(Filters f, String kind, Event e) {
        if (!f.contains(kind)) {
            return true;
        }
        if (!kind.equals(e.type())) {
            return false;
        }
        String name = e.attributes().get("name");
        return (!e.actorId().isEmpty() && f.prefixMatch(kind, e.actorId())) || (name != null && f.prefixMatch(kind, name));
    }

    /**
     * {@code image} matches image events by ID or name and container events by their
     * {@code image} attribute, each also with its tag or digest stripped, so {@code busybox}
     * matches {@code busybox:1.36}.
     */
    private static boolean matchesImage(Filters f, Event e) {
        if (!f.contains("image")) {
            return true;
        }
        String image = e.attributes().get("image".equals(e.type()) ? "name" : "image");
        return f.exactMatch("image", e.actorId()) || f.exactMatch("image", repositoryOf(e.actorId()))
                || (image != null && (f.exactMatch("image", image) || f.exactMatch("image", repositoryOf(image))));
    }

    /**
     * A reference without its tag or digest, in its short Docker Hub form
     * ({@code docker.io/library/busybox:1.36} → {@code busybox}). IDs ({@code sha256:…}) stay as
     * they are: their colon is not a tag.
     */
    static String repositoryOf(String reference) {
        if (reference.startsWith("sha256:")) {
            return reference;
        }
        String name = reference;
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        for (String hub : HUB_PREFIXES) {
            if (name.startsWith(hub)) {
                name = name.substring(hub.length());
                break;
            }
        }
        if (name.startsWith("library/") && name.indexOf('/', "library/".length()) < 0) {
            name = name.substring("library/".length());
        }
        return name;
    }
}
