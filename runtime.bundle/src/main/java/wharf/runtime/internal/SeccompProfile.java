package wharf.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import wharf.runtime.api.RuntimeFailure;
import wharf.runtime.api.Seccomp;

/**
 * A container's {@code linux.seccomp} object, made from a profile in docker's format (ours, in
 * {@code default-seccomp.json}, or the user's): the host's architectures picked from
 * {@code archMap}, and the rules whose {@code includes}/{@code excludes} (capabilities,
 * architectures, kernel version) do not fit the container left out. An OCI object passes
 * through unchanged, as it is docker's format without those fields.
 */
final class SeccompProfile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_RESOURCE = "default-seccomp.json";
    /** OCI's names for a rule's fields; docker's extras (name, comment, includes, excludes) are left behind. */
    private static final List<String> RULE_FIELDS = List.of("action", "errnoRet", "args");
    private static final List<String> PROFILE_FIELDS = List.of("defaultErrnoRet", "flags", "listenerPath",
            "listenerMetadata");

    /** The host as docker's profiles name it: Go's architecture name, libseccomp's and the kernel release. */
    record Host(String goArch, String seccompArch, String kernel) {
        static Host current() {
            String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
            String goArch = switch (arch) {
                case "amd64", "x86_64" -> "amd64";
                case "aarch64", "arm64" -> "arm64";
                default -> arch;
            };
            String seccompArch = switch (goArch) {
                case "amd64" -> "SCMP_ARCH_X86_64";
                case "arm64" -> "SCMP_ARCH_AARCH64";
                default -> "SCMP_ARCH_" + goArch.toUpperCase(Locale.ROOT);
            };
            return new Host(goArch, seccompArch, System.getProperty("os.version"));
        }
    }

    private SeccompProfile() {
    }

    /**
     * The filter for a container that is not privileged; empty for {@link Seccomp.Mode#UNCONFINED}.
     *
     * @param capabilities the container's capabilities ({@code CAP_…})
     */
    static Optional<ObjectNode> of(Seccomp seccomp, List<String> capabilities, Host host) {
        return switch (seccomp.mode()) {
            case UNCONFINED -> Optional.empty();
            case DEFAULT -> Optional.of(convert(defaultProfile(), capabilities, host));
            case CUSTOM -> Optional.of(convert(parse(seccomp.profile()), capabilities, host));
        };
    }

    private static JsonNode defaultProfile() {
        try (InputStream in = SeccompProfile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the bundle");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String profile) {
        try {
            JsonNode node = JSON.readTree(profile);
            if (node == null || !node.isObject()) {
                throw new RuntimeFailure("Decoding seccomp profile failed: not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RuntimeFailure("Decoding seccomp profile failed: " + e.getOriginalMessage(), e);
        }
    }

    static ObjectNode convert(JsonNode profile, List<String> capabilities, Host host) {
        ObjectNode result = JSON.createObjectNode();
        String defaultAction = profile.path("defaultAction").asText("");
        if (defaultAction.isEmpty()) {
            throw new RuntimeFailure("the seccomp profile has no defaultAction: runc would refuse it");
        }
        result.put("defaultAction", defaultAction);
        ArrayNode architectures = architectures(profile, host);
        if (!architectures.isEmpty()) {
            result.set("architectures", architectures);
        }
        for (String field : PROFILE_FIELDS) {
            if (profile.has(field)) {
                result.set(field, profile.get(field));
            }
        }
        ArrayNode syscalls = result.putArray("syscalls");
        for (JsonNode rule : profile.path("syscalls")) {
            if (applies(rule, capabilities, host)) {
                syscalls.add(rule(rule));
            }
        }
        return result;
    }

    /** {@code architectures} as given, or from {@code archMap} the host's own with its sub-architectures. */
    private static ArrayNode architectures(JsonNode profile, Host host) {
        boolean listed = !profile.path("architectures").isEmpty();
        boolean mapped = !profile.path("archMap").isEmpty();
        if (listed && mapped) {
            throw new RuntimeFailure("'architectures' and 'archMap' were specified in the seccomp profile, "
                    + "use either 'architectures' or 'archMap'");
        }
        ArrayNode result = JSON.createArrayNode();
        if (listed) {
            profile.path("architectures").forEach(result::add);
        }
        for (JsonNode entry : profile.path("archMap")) {
            if (entry.path("architecture").asText().equals(host.seccompArch())) {
                result.add(entry.get("architecture"));
                entry.path("subArchitectures").forEach(result::add);
            }
        }
        return result;
    }

    /** docker's conditions: all included capabilities held, no excluded one, the architecture and kernel fit. */
    private static boolean applies(JsonNode rule, List<String> capabilities, Host host) {
        JsonNode includes = rule.path("includes");
        JsonNode excludes = rule.path("excludes");
        for (JsonNode cap : includes.path("caps")) {
            if (!capabilities.contains(cap.asText())) {
                return false;
            }
        }
        for (JsonNode cap : excludes.path("caps")) {
            if (capabilities.contains(cap.asText())) {
                return false;
            }
        }
        if (!includes.path("arches").isEmpty() && !contains(includes.path("arches"), host.goArch())) {
            return false;
        }
        if (contains(excludes.path("arches"), host.goArch())) {
            return false;
        }
        String minKernel = includes.path("minKernel").asText("");
        return minKernel.isEmpty() || compareKernel(host.kernel(), minKernel) >= 0;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (item.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode rule(JsonNode rule) {
        boolean named = !rule.path("name").asText("").isEmpty();
        if (named && !rule.path("names").isEmpty()) {
            throw new RuntimeFailure("the seccomp profile has a rule with both 'name' and 'names': use one");
        }
        ObjectNode result = JSON.createObjectNode();
        ArrayNode names = result.putArray("names");
        if (named) {
            names.add(rule.get("name"));
        } else {
            rule.path("names").forEach(names::add);
        }
        for (String field : RULE_FIELDS) {
            if (rule.has(field) && !rule.get(field).isNull()) {
                result.set(field, rule.get(field));
            }
        }
        return result;
    }

    /** Compares the leading major.minor(.patch) numbers of two kernel releases ("6.1.0-13-amd64", "4.8"). */
    static int compareKernel(String release, String min) {
        List<Integer> a = numbers(release);
        List<Integer> b = numbers(min);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int x = i < a.size() ? a.get(i) : 0;
            int y = i < b.size() ? b.get(i) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static List<Integer> numbers(String release) {
        List<Integer> result = new ArrayList<>();
        for (String part : release.split("[^0-9.]", 2)[0].split("\\.")) {
            if (part.isEmpty() || result.size() == 3) {
                break;
            }
            result.add(Integer.parseInt(part));
        }
        return result;
    }
}
