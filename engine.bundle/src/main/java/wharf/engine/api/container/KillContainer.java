package wharf.engine.api.container;

/**
 * @param signal by name ({@code KILL}, {@code SIGUSR1}) or number; null or empty for SIGKILL. An
 *        unknown signal fails with InvalidParameter.
 */
public record KillContainer(String name, String signal) {
}
