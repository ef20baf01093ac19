package wharf.engine.api.image;

import wharf.engine.api.Filters;

/**
 * The {@code search} job's input, {@code GET /images/search}.
 *
 * @param term    what to look for, possibly prefixed with a registry ({@code 127.0.0.1:5000/bb})
 * @param limit   the most results; 0 for the default (25)
 * @param filters {@code is-official}, {@code is-automated}, {@code stars}
 * @param auth    credentials from {@code X-Registry-Auth}
 */
public record SearchImages(String term, int limit, Filters filters, AuthConfig auth) {
    public SearchImages {
        filters = filters == null ? Filters.empty() : filters;
        auth = auth == null ? AuthConfig.ANONYMOUS : auth;
    }
}
