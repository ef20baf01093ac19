package wharf.engine.api.event;

import org.osgi.annotation.versioning.ProviderType;

/** Publishes events to subscribers and keeps a bounded history for {@code since} replays. */
@ProviderType
public interface EventBus {
    void publish(Event event);

    Subscription subscribe(EventQuery query);
}
