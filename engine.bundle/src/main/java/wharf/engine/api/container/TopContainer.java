package wharf.engine.api.container;

/**
 * {@code GET /containers/{name}/top}.
 *
 * @param psArgs the arguments for {@code ps}, split at spaces; empty means {@code -ef}
 */
public record TopContainer(String name, String psArgs) {
}
