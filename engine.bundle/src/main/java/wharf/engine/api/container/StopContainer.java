package wharf.engine.api.container;

/**
 * stop and restart.
 *
 * @param signal the stop signal by name or number; null for the container's StopSignal (SIGTERM by default)
 * @param timeout seconds before SIGKILL; null for the container's StopTimeout (10 by default);
 *        negative waits for ever
 */
public record StopContainer(String name, String signal, Integer timeout) {
}
