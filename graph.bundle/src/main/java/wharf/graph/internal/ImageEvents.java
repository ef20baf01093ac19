package wharf.graph.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import wharf.engine.api.event.Event;
import wharf.engine.api.event.EventBus;
import wharf.engine.api.image.Reference;

/**
 * Image events on the engine's bus, as dockerd logs them: the actor is the image ID, the
 * {@code name} attribute the reference the action was about (dockerd names the ID itself for
 * untag, delete, load, import and save), plus the image's labels; pulls and pushes name the
 * reference instead.
 */
final class ImageEvents {
    private final EventBus bus;

    ImageEvents(EventBus bus) {
        this.bus = bus;
    }

    void publish(String action, String imageId, String name, Map<String, String> labels) {
        if (bus == null) {
            return;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if (labels != null) {
            attributes.putAll(labels);
        }
        if (name != null && !name.isEmpty()) {
            attributes.put("name", name);
        }
        bus.publish(Event.now("image", action, imageId, attributes));
    }

    /** An event about an image the store holds (its labels are added). */
    void publish(String action, Image image, String name) {
        publish(action, image.id(), name, labels(image));
    }

    /**
     * A pull or a push, which dockerd's distribution code logs by reference: the actor is the
     * reference as users write it ({@code 127.0.0.1:5000/bb:1}), {@code name} its repository,
     * plus the labels of the image it names.
     */
    void publish(String action, Reference ref, Image image) {
        publish(action, ref.familiar(), ref.familiarName(), image == null ? null : labels(image));
    }

    private static Map<String, String> labels(Image image) {
        return image.config().config() == null ? null : image.config().config().labels();
    }
}
