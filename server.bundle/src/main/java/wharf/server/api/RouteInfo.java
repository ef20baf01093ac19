package wharf.server.api;

import java.util.List;

/**
 * One mounted route as {@link RouteRegistry} describes it. Two routes conflict when they declare
 * the same method, template shape and version window; the group of higher service ranking (then
 * the older service) serves, and the others are shadowed by it.
 *
 * @param method     the HTTP method
 * @param template   the path template, as declared
 * @param since      the first API version it serves, or null for every version
 * @param until      the API version it no longer serves, or null
 * @param provider   the group that declared it
 * @param shadowedBy the group that serves this route instead, or null when this one serves
 * @param shadows    the groups whose identical routes this one shadows; empty when none
 */
public record RouteInfo(Method method, String template, ApiVersion since, ApiVersion until, Provider provider,
        Provider shadowedBy, List<Provider> shadows) {

    public RouteInfo {
        shadows = shadows == null ? List.of() : List.copyOf(shadows);
    }

    /** True when requests reach this route. */
    public boolean serving() {
        return shadowedBy == null;
    }

    /**
     * A route group as registered.
     *
     * @param group         the group's name ({@link RouteGroup#NAME})
     * @param bundle        the symbolic name of the bundle that registered it
     * @param bundleVersion that bundle's version
     * @param ranking       the group's service ranking
     */
    public record Provider(String group, String bundle, String bundleVersion, int ranking) {
        @Override
        public String toString() {
            return "group '" + group + "' (" + bundle + " " + bundleVersion + ", ranking " + ranking + ")";
        }
    }
}
