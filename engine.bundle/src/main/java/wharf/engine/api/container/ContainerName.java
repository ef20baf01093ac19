package wharf.engine.api.container;

/** A container by ID, unique ID prefix or name. */
public record ContainerName(String name) {
}
