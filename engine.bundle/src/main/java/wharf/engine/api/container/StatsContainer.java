package wharf.engine.api.container;

/**
 * {@code GET /containers/{name}/stats}.
 *
 * @param stream one sample a second until the client leaves; otherwise one sample
 * @param oneShot with {@code stream} off: answer the first sample at once, without the previous
 *                one a second earlier (so {@code precpu_stats} is zero)
 */
public record StatsContainer(String name, boolean stream, boolean oneShot) {
}
