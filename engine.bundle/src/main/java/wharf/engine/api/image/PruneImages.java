package wharf.engine.api.image;

import wharf.engine.api.Filters;

/**
 * The {@code image_prune} job's input, {@code POST /images/prune}: filters {@code dangling}
 * ({@code true}, the default: untagged images only; {@code false}: every image no container
 * uses), {@code until} (a timestamp or Go duration) and {@code label} / {@code label!}.
 */
public record PruneImages(Filters filters) {
    public PruneImages {
        filters = filters == null ? Filters.empty() : filters;
    }
}
