package wharf.engine.api.container;

/** {@code DELETE /containers/{name}?force=&v=&link=}. */
public record RemoveContainer(String name, boolean force, boolean volumes, boolean link) {
}
