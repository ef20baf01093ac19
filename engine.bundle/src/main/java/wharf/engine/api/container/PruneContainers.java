package wharf.engine.api.container;

import wharf.engine.api.Filters;

/**
 * The {@code container_prune} job's input, {@code POST /containers/prune}: filters {@code until}
 * (a timestamp or Go duration: containers created before it) and {@code label} /
 * {@code label!}; others fail with InvalidParameter.
 */
public record PruneContainers(Filters filters) {
    public PruneContainers {
        filters = filters == null ? Filters.empty() : filters;
    }
}
