package wharf.engine.api.container;

/**
 * {@code POST /containers/{name}/attach}.
 *
 * @param stream follow the live output (and feed stdin) until the container stops or the client leaves
 * @param logs replay what was written before
 * @param detachKeys the client's detach sequence ({@code ctrl-p,ctrl-q} when null or empty)
 */
public record AttachContainer(String name, boolean stdin, boolean stdout, boolean stderr, boolean stream,
        boolean logs, String detachKeys) {
}
