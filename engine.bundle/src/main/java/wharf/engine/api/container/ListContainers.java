package wharf.engine.api.container;

import wharf.engine.api.Filters;

/**
 * {@code GET /containers/json}.
 *
 * @param limit the most recent this many, including stopped ones; 0 or less for no limit
 * @param filters id, name, label, status, exited, ancestor, before, since (others fail with
 *        InvalidParameter, as dockerd's {@code Invalid filter '…'})
 */
public record ListContainers(boolean all, int limit, boolean size, Filters filters) {
}
