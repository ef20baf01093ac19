package wharf.engine.api.container;

/**
 * The {@code rename} job's input, {@code POST /containers/{name}/rename?name=…}.
 *
 * @param name    the container, by ID, ID prefix or name
 * @param newName the name it takes, with or without the leading {@code /}
 */
public record RenameContainer(String name, String newName) {
}
