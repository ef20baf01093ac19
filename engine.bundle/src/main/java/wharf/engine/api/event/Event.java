package wharf.engine.api.event;

import java.util.Map;
import java.util.Objects;

/**
 * Something that happened to an object, as {@code /events} reports it.
 *
 * @param type       the object's kind: {@code container}, {@code image}, {@code daemon}, …
 * @param action     what happened: {@code create}, {@code start}, {@code die}, …
 * @param actorId    the object's ID
 * @param attributes the actor's attributes ({@code name}, {@code image}, labels, {@code exitCode})
 * @param scope      {@code local} (or {@code swarm})
 * @param timeNano   when, in nanoseconds since the epoch
 */
public record Event(String type, String action, String actorId, Map<String, String> attributes,
        String scope, long timeNano) {

    public Event {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(action, "action");
        actorId = actorId == null ? "" : actorId;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        scope = scope == null ? "local" : scope;
    }

    /** A local event stamped now. */
    public static Event now(String type, String action, String actorId, Map<String, String> attributes) {
        return new Event(type, action, actorId, attributes, "local", Clock.nowNanos());
    }

    /** Nanosecond wall-clock time, as Go's {@code time.Now().UnixNano()}. */
    public static final class Clock {
        private Clock() {
        }

        public static long nowNanos() {
            java.time.Instant now = java.time.Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }
    }
}
