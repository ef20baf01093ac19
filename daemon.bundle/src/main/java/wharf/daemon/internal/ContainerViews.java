package wharf.daemon.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import wharf.common.GoTime;
import wharf.engine.api.Filters;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.container.ContainerInspect;
import wharf.engine.api.container.ContainerSummary;
import wharf.engine.api.container.ListContainers;

/** The container list and inspect, built from records alone: no lock, no runtime call. */
final class ContainerViews {
    static final Set<String> FILTERS = Set.of("id", "name", "label", "status", "exited", "ancestor", "before",
            "since");
    private static final Set<String> STATES = Set.of("created", "restarting", "running", "removing", "paused",
            "exited", "dead");

    private ContainerViews() {
    }

    /**
     * moby's {@code Containers}: newest first; without {@code all} (or a status filter, or a
     * limit) only running ones.
     */
    static List<ContainerSummary> list(List<ContainerRecord> records, ListContainers query,
            Function<String, ContainerRecord> lookup, Function<ContainerRecord, Path> dirs) {
        Filters f = query.filters() == null ? Filters.empty() : query.filters().validate(FILTERS);
        for (String status : f.get("status")) {
            if (!STATES.contains(status)) {
                throw new InvalidParameterError("Unrecognised filter value for status: " + status);
            }
        }
        List<Integer> exited = new ArrayList<>();
        for (String code : f.get("exited")) {
            try {
                exited.add(Integer.parseInt(code));
            } catch (NumberFormatException e) {
                throw new InvalidParameterError("strconv.Atoi: parsing \"" + code + "\": invalid syntax");
            }
        }
        boolean all = query.all() || f.contains("status") || query.limit() > 0;
        Instant before = bound(f, "before", lookup);
        Instant since = bound(f, "since", lookup);
        Instant now = Instant.now();
        List<ContainerSummary> out = new ArrayList<>();
        for (Created c : newestFirst(records)) {
            ContainerRecord r = c.record();
            Instant created = c.at();
            if (!all && !r.running()
                    || before != null && !created.isBefore(before)
                    || since != null && !created.isAfter(since)
                    || !matches(f, "id", r.id()) || !matchesName(f, r)
                    || !f.matchKeyValues("label", r.config().labels())
                    || !f.exactMatch("status", r.status())
                    || !exited.isEmpty() && (r.running() || GoTime.parse(r.state().startedAt()) == null
                            || !exited.contains(r.state().exitCode()))
                    || !matchesAncestor(f, r)) {
                continue;
            }
            out.add(summary(r, created, query.size(), dirs.apply(r), now));
            if (query.limit() > 0 && out.size() >= query.limit()) {
                break;
            }
        }
        return out;
    }

    /** A record with its creation time parsed once: sorting must not parse it at every comparison. */
    record Created(ContainerRecord record, Instant at) {
    }

    static List<Created> newestFirst(List<ContainerRecord> records) {
        return records.stream().map(r -> new Created(r, Instant.parse(r.created())))
                .sorted(Comparator.comparing(Created::at).reversed()
                        .thenComparing(c -> c.record().id()))
                .toList();
    }

    private static Instant bound(Filters f, String key, Function<String, ContainerRecord> lookup) {
        Instant bound = null;
        for (String name : f.get(key)) {
            bound = Instant.parse(lookup.apply(name).created());
        }
        return bound;
    }

    /** moby's {@code Filters.Match}: the value as a regular expression found anywhere in the source. */
    private static boolean matches(Filters f, String key, String source) {
        Set<String> values = f.get(key);
        if (values.isEmpty()) {
            return true;
        }
        for (String value : values) {
            if (source.equals(value)) {
                return true;
            }
            try {
                if (Pattern.compile(value).matcher(source).find()) {
                    return true;
                }
            } catch (PatternSyntaxException e) {
                // an invalid expression matches nothing, as Go's MatchString failing
            }
        }
        return false;
    }

    private static boolean matchesName(Filters f, ContainerRecord r) {
        return matches(f, "name", r.name()) || matches(f, "name", r.bareName());
    }

    /** By the image as named at create (with or without {@code :latest}) or its ID, whole or short. */
    private static boolean matchesAncestor(Filters f, ContainerRecord r) {
        Set<String> values = f.get("ancestor");
        if (values.isEmpty()) {
            return true;
        }
        String image = r.config().image();
        String imageHex = r.imageId().startsWith("sha256:") ? r.imageId().substring(7) : r.imageId();
        for (String v : values) {
            String hex = v.startsWith("sha256:") ? v.substring(7) : v;
            if (v.equals(image) || withTag(v).equals(withTag(image))
                    || hex.length() >= 4 && imageHex.startsWith(hex)) {
                return true;
            }
        }
        return false;
    }

    private static String withTag(String ref) {
        int slash = ref.lastIndexOf('/');
        return ref.indexOf(':', slash + 1) >= 0 || ref.contains("@") ? ref : ref + ":latest";
    }

    static ContainerSummary summary(ContainerRecord r, Instant created, boolean size, Path dir, Instant now) {
        Long sizeRw = null;
        Long sizeRootFs = null;
        if (size) {
            sizeRw = ContainerFiles.size(dir.resolve("bundle/upper"));
            sizeRootFs = sizeRw + r.layers().stream().mapToLong(l -> ContainerFiles.size(Path.of(l))).sum();
        }
        return new ContainerSummary(r.id(), List.of(r.name()), r.config().image(), r.imageId(), command(r),
                created.getEpochSecond(), List.of(), sizeRw, sizeRootFs,
                r.config().labels() == null ? Map.of() : r.config().labels(), r.status(),
                States.describe(r.state(), now), new ContainerSummary.SummaryHostConfig(r.hostConfig().networkMode()),
                Map.of("Networks", networks(r)), r.mounts());
    }

    /** moby's list {@code Command}: the path and its args, an arg with a space in single quotes. */
    static String command(ContainerRecord r) {
        if (r.args().isEmpty()) {
            return r.path();
        }
        List<String> args = r.args().stream().map(a -> a.contains(" ") ? "'" + a + "'" : a).toList();
        return r.path() + " " + String.join(" ", args);
    }

    static ContainerInspect inspect(ContainerRecord r, List<String> execIds, boolean size, Path dir) {
        Long sizeRw = null;
        Long sizeRootFs = null;
        if (size) {
            sizeRw = ContainerFiles.size(dir.resolve("bundle/upper"));
            sizeRootFs = sizeRw + r.layers().stream().mapToLong(l -> ContainerFiles.size(Path.of(l))).sum();
        }
        Map<String, String> graph = new LinkedHashMap<>();
        List<String> lower = new ArrayList<>(r.layers());
        java.util.Collections.reverse(lower);
        graph.put("LowerDir", String.join(":", lower));
        graph.put("MergedDir", dir.resolve("bundle/rootfs").toString());
        graph.put("UpperDir", dir.resolve("bundle/upper").toString());
        graph.put("WorkDir", dir.resolve("bundle/work").toString());
        return new ContainerInspect(r.id(), r.created(), r.path(), r.args(), r.state(), r.imageId(),
                r.resolvConfPath(), r.hostnamePath(), r.hostsPath(), r.logPath(), r.name(), r.restartCount(),
                "overlay2", "linux", "", "", "", execIds.isEmpty() ? null : execIds, r.hostConfig(),
                new ContainerInspect.GraphDriver(graph, "overlay2"), sizeRw, sizeRootFs, r.mounts(), r.config(),
                networkSettings(r));
    }

    private static Map<String, Object> networkSettings(ContainerRecord r) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Bridge", "");
        s.put("SandboxID", "");
        s.put("HairpinMode", false);
        s.put("LinkLocalIPv6Address", "");
        s.put("LinkLocalIPv6PrefixLen", 0);
        s.put("Ports", Map.of());
        s.put("SandboxKey", "");
        s.put("SecondaryIPAddresses", null);
        s.put("SecondaryIPv6Addresses", null);
        s.put("EndpointID", "");
        s.put("Gateway", "");
        s.put("GlobalIPv6Address", "");
        s.put("GlobalIPv6PrefixLen", 0);
        s.put("IPAddress", "");
        s.put("IPPrefixLen", 0);
        s.put("IPv6Gateway", "");
        s.put("MacAddress", "");
        s.put("Networks", networks(r));
        return s;
    }

    /** The one network the container is on, with no addresses: Wharf gives containers loopback only. */
    private static Map<String, Object> networks(ContainerRecord r) {
        String mode = r.hostConfig().networkMode();
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("IPAMConfig", null);
        endpoint.put("Links", null);
        endpoint.put("Aliases", null);
        endpoint.put("NetworkID", "");
        endpoint.put("EndpointID", "");
        endpoint.put("Gateway", "");
        endpoint.put("IPAddress", "");
        endpoint.put("IPPrefixLen", 0);
        endpoint.put("IPv6Gateway", "");
        endpoint.put("GlobalIPv6Address", "");
        endpoint.put("GlobalIPv6PrefixLen", 0);
        endpoint.put("MacAddress", "");
        endpoint.put("DriverOpts", null);
        Map<String, Object> networks = new LinkedHashMap<>();
        networks.put(mode.equals("default") ? "bridge" : mode, endpoint);
        return networks;
    }
}
