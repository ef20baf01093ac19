package wharf.engine.api.container;

import java.util.List;

/** The containers made from an image, oldest first. */
public record ImageUsers(List<User> containers) {
    public ImageUsers {
        containers = containers == null ? List.of() : List.copyOf(containers);
    }

    /**
     * One container.
     *
     * @param id      its full ID
     * @param running running as dockerd counts it: paused and restarting ones run too
     */
    public record User(String id, boolean running) {
    }
}
