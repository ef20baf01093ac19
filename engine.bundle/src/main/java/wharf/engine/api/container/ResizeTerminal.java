package wharf.engine.api.container;

/** resize of a container's or an exec's terminal; {@code name} is the container or the exec ID. */
public record ResizeTerminal(String name, int height, int width) {
}
