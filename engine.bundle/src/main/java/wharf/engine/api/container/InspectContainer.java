package wharf.engine.api.container;

/** {@code GET /containers/{name}/json?size=}. */
public record InspectContainer(String name, boolean size) {
}
