package wharf.engine.api.container;

/** {@code POST /containers/{name}/exec}. */
public record CreateExec(String container, ExecConfig config) {
}
