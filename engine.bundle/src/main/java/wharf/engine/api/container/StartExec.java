package wharf.engine.api.container;

/** {@code POST /exec/{id}/start} with its body's {@code Detach} and {@code Tty}. */
public record StartExec(String id, boolean detach, boolean tty) {
}
