package wharf.engine.api.container;

/**
 * {@code GET /containers/{name}/logs}. Neither stdout nor stderr fails with InvalidParameter
 * {@code You must choose at least one stream}.
 *
 * @param since only entries at or after this Unix time in nanoseconds; 0 for all
 * @param until only entries before this Unix time in nanoseconds; 0 for no bound
 * @param tail the last this many lines; negative for all
 */
public record ContainerLogs(String name, boolean stdout, boolean stderr, boolean follow, long since, long until,
        boolean timestamps, int tail) {
}
