package wharf.routes.system.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.event.Event;
import wharf.engine.api.event.EventBus;
import wharf.engine.api.event.EventQuery;
import wharf.engine.api.event.Subscription;
import wharf.server.api.ApiRequest;
import wharf.server.api.ApiResponse;
import wharf.server.api.Handler;

/**
 * {@code GET /events}: a stream of JSON events, one per chunk, each ending in a newline. With
 * {@code since} the bus replays its history first; with {@code until} the stream ends there, at
 * once when it lies in the past.
 */
final class EventsHandler implements Handler {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    private static final Duration POLL = Duration.ofMillis(500);

    private final EventBus bus;

    EventsHandler(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public void handle(ApiRequest req, ApiResponse resp) throws IOException, InterruptedException {
        EventQuery query = new EventQuery(timestamp(req, "since"), timestamp(req, "until"), req.filters());
        try (Subscription sub = bus.subscribe(query)) {
            OutputStream out = resp.stream("application/json");
            while (!sub.done() && !req.cancellation().isCancelled()) {
                Event e = sub.next(POLL);
                if (e != null) {
                    out.write(JSON.writeValueAsBytes(Message.of(e)));
                    out.write('\n');
                    out.flush();
                }
            }
        }
    }

    /**
     * dockerd's timestamps: Unix seconds with optional fractional nanoseconds
     * ({@code 1795788770.123456789}), or an RFC 3339 date. 0 means unset.
     */
    static long timestamp(ApiRequest req, String name) {
        String raw = req.query(name).map(String::trim).orElse("");
        if (raw.isEmpty()) {
            return 0;
        }
        try {
            BigDecimal seconds = new BigDecimal(raw);
            return seconds.movePointRight(9).longValue();
        } catch (NumberFormatException e) {
            try {
                OffsetDateTime t = OffsetDateTime.parse(raw);
                return t.toEpochSecond() * 1_000_000_000L + t.getNano();
            } catch (DateTimeParseException e2) {
                throw new InvalidParameterError("failed to parse value " + raw + " as a timestamp for '" + name + "'");
            }
        }
    }

    /** The wire form, with the legacy {@code status}, {@code id} and {@code from} fields dockerd keeps. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Message(
            @JsonProperty("status") String status,
            @JsonProperty("id") String id,
            @JsonProperty("from") String from,
            @JsonProperty("Type") String type,
            @JsonProperty("Action") String action,
            @JsonProperty("Actor") Actor actor,
            @JsonProperty("scope") String scope,
            @JsonProperty("time") long time,
            @JsonProperty("timeNano") long timeNano) {

        record Actor(@JsonProperty("ID") String id,
                @JsonProperty("Attributes") @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, String> attributes) {
        }

        static Message of(Event e) {
            boolean legacy = e.type().equals("container") || e.type().equals("image");
            String from = e.type().equals("container") ? e.attributes().get("image") : null;
            return new Message(legacy ? e.action() : null, legacy ? e.actorId() : null, from, e.type(), e.action(),
                    new Actor(e.actorId(), e.attributes()), e.scope(), e.timeNano() / 1_000_000_000L, e.timeNano());
        }
    }
}
