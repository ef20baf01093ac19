package wharf.engine.api.system;

import java.util.List;

/**
 * What {@code serveapi} opened: one {@code PROTO://ADDR} per listener, with the actual port
 * where {@code :0} was asked.
 */
public record Listening(List<String> addresses) {
    public Listening {
        addresses = List.copyOf(addresses);
    }
}
