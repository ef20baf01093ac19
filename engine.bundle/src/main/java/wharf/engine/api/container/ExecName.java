package wharf.engine.api.container;

/** An exec instance by its ID. */
public record ExecName(String id) {
}
