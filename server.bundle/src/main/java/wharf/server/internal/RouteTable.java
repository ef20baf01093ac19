package wharf.server.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wharf.server.api.ApiVersion;
import wharf.server.api.Method;
import wharf.server.api.Route;
import wharf.server.api.RouteInfo;

/**
 * An immutable snapshot of every mounted route, built anew whenever a route group comes or
 * goes. Where two groups declare the same method and template shape, the higher-ranked group's
 * route wins and the other is listed in {@link #conflicts()}.
 */
final class RouteTable {
    static final RouteTable EMPTY = build(List.of());

    /** A route as mounted from one group, registered by a bundle. */
    record Mounted(Route route, RouteTemplate template, String group, String bundle, String bundleVersion,
            int ranking, long serviceId) {
        /** The bundle, for messages: {@code wharf.routes.system 0.1.0}. */
        String provider() {
            return bundle + " " + bundleVersion;
        }
    }

    /** A route that lost to another with the same method and template. */
    record Conflict(Mounted winner, Mounted shadowed) {
        @Override
        public String toString() {
            return shadowed.route() + " of group '" + shadowed.group() + "' (" + shadowed.provider()
                    + ") is shadowed by group '" + winner.group() + "' (" + winner.provider() + ", ranking "
                    + winner.ranking() + ")";
        }
    }

    /** A successful match, with the route as {@link wharf.server.api.RouteRegistry} describes it. */
    record Match(Mounted mounted, Map<String, String> variables, RouteInfo info) {
    }

    private final Map<Method, List<Mounted>> byMethod;
    private final List<Conflict> conflicts;
    /** The description of each serving route, made once per table rather than per request. */
    private final Map<Mounted, RouteInfo> serving;

    private RouteTable(Map<Method, List<Mounted>> byMethod, List<Conflict> conflicts) {
        this.byMethod = byMethod;
        this.conflicts = conflicts;
        this.serving = new IdentityHashMap<>();
        for (List<Mounted> routes : byMethod.values()) {
            for (Mounted m : routes) {
                List<RouteInfo.Provider> shadows = conflicts.stream().filter(c -> c.winner() == m)
                        .map(c -> provider(c.shadowed())).toList();
                serving.put(m, info(m, null, shadows));
            }
        }
    }

    /** Builds the table; candidates are given in any order. */
    static RouteTable build(List<Mounted> candidates) {
        List<Mounted> ordered = new ArrayList<>(candidates);
        // Highest ranking first, then the older service, as the whiteboard orders services.
        ordered.sort(Comparator.comparingInt(Mounted::ranking).reversed().thenComparingLong(Mounted::serviceId));
        Map<String, Mounted> winners = new LinkedHashMap<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (Mounted m : ordered) {
            String key = m.route().method() + " " + m.template().shape() + " " + m.route().since() + " " + m.route().until();
            Mounted winner = winners.putIfAbsent(key, m);
            if (winner != null) {
                conflicts.add(new Conflict(winner, m));
            }
        }
        Map<Method, List<Mounted>> byMethod = new java.util.EnumMap<>(Method.class);
        for (Mounted m : winners.values()) {
            byMethod.computeIfAbsent(m.route().method(), k -> new ArrayList<>()).add(m);
        }
        byMethod.values().forEach(l -> l.sort((a, b) -> RouteTemplate.specificity(a.template(), b.template())));
        byMethod.replaceAll((k, v) -> List.copyOf(v));
        return new RouteTable(byMethod, List.copyOf(conflicts));
    }

    /** The route for the method and path at this API version, or null. */
    Match match(Method method, String path, ApiVersion version) {
        for (Mounted m : byMethod.getOrDefault(method, List.of())) {
            if (!m.route().availableAt(version)) {
                continue;
            }
            Map<String, String> vars = m.template().match(path);
            if (vars != null) {
                return new Match(m, vars, serving.get(m));
            }
        }
        return null;
    }

    List<Conflict> conflicts() {
        return conflicts;
    }

    /** Every mounted route, for introspection. */
    List<Mounted> routes() {
        List<Mounted> all = new ArrayList<>();
        byMethod.values().forEach(all::addAll);
        return all;
    }

    /** Every route, serving or shadowed, with what it shadows or what shadows it; by template, then method. */
    List<RouteInfo> describe() {
        List<RouteInfo> all = new ArrayList<>();
        for (Mounted m : routes()) {
            all.add(serving.get(m));
        }
        for (Conflict c : conflicts) {
            all.add(info(c.shadowed(), provider(c.winner()), List.of()));
        }
        all.sort(Comparator.comparing(RouteInfo::template).thenComparing(RouteInfo::method)
                .thenComparing(RouteInfo::serving, Comparator.reverseOrder()));
        return List.copyOf(all);
    }

    private static RouteInfo info(Mounted m, RouteInfo.Provider shadowedBy, List<RouteInfo.Provider> shadows) {
        Route r = m.route();
        return new RouteInfo(r.method(), r.template(), r.since(), r.until(), provider(m), shadowedBy, shadows);
    }

    private static RouteInfo.Provider provider(Mounted m) {
        return new RouteInfo.Provider(m.group(), m.bundle(), m.bundleVersion(), m.ranking());
    }
}
