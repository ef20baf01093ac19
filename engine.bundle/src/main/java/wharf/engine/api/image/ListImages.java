package wharf.engine.api.image;

import wharf.engine.api.Filters;

/**
 * The {@code images} job's input, {@code GET /images/json}.
 *
 * @param all        also intermediate images (those without a tag that are a parent of another)
 * @param digests    accepted for compatibility: {@code RepoDigests} are always filled
 * @param filters    {@code dangling}, {@code label}, {@code reference}, {@code before}, {@code since};
 *                   others are refused with {@code Invalid filter '…'}
 * @param sharedSize compute {@code SharedSize} (bytes of layers shared with other images); -1 otherwise
 */
public record ListImages(boolean all, boolean digests, Filters filters, boolean sharedSize) {
    public ListImages {
        filters = filters == null ? Filters.empty() : filters;
    }
}
