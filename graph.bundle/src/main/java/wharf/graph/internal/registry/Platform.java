package wharf.graph.internal.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Locale;
import wharf.engine.api.InvalidParameterError;

/**
 * An OS and CPU an image is built for, as a manifest list names it. Matching normalises the
 * names the way containerd's platforms package does ({@code x86_64} is {@code amd64},
 * {@code aarch64} is {@code arm64}, arm64's {@code v8} is no variant), so that what a user
 * types finds what registries list.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"architecture", "os", "os.version", "variant"})
public record Platform(
        @JsonProperty("os") String os,
        @JsonProperty("architecture") String architecture,
        @JsonProperty("variant") String variant,
        @JsonProperty("os.version") String osVersion) {

    public Platform(String os, String architecture, String variant) {
        this(os, architecture, variant, null);
    }

    /** The platform this daemon runs containers for: Linux on the JVM's CPU. */
    public static Platform host() {
        Platform p = new Platform("linux", System.getProperty("os.arch", "amd64"), null).normalize();
        return p.architecture().equals("arm") ? new Platform("linux", "arm", "v7") : p;
    }

    /**
     * Parses {@code os[/arch[/variant]]} as dockerd's {@code platform} parameter; empty means
     * {@link #host()}.
     *
     * @throws InvalidParameterError with containerd's message for anything else
     */
    public static Platform parse(String text) {
        if (text == null || text.isBlank()) {
            return host();
        }
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/", -1);
        for (String part : parts) {
            if (part.isEmpty() || !part.matches("[a-z0-9_.-]+")) {
                throw new InvalidParameterError("\"" + text + "\": invalid platform format: invalid argument");
            }
        }
        return switch (parts.length) {
            case 1 -> new Platform(parts[0], host().architecture(), host().variant()).normalize();
            case 2 -> new Platform(parts[0], parts[1], null).normalize();
            case 3 -> new Platform(parts[0], parts[1], parts[2]).normalize();
            default -> throw new InvalidParameterError(
                    "\"" + text + "\": cannot parse platform: too many components: invalid argument");
        };
    }

    /** The canonical names containerd uses. */
    public Platform normalize() {
        String o = os == null ? "" : os.toLowerCase(Locale.ROOT);
        String a = architecture == null ? "" : architecture.toLowerCase(Locale.ROOT);
        String v = variant == null ? "" : variant.toLowerCase(Locale.ROOT);
        switch (a) {
            case "i386" -> a = "386";
            case "x86_64", "x86-64", "amd64" -> {
                a = "amd64";
                v = v.equals("v1") ? "" : v;
            }
            case "aarch64", "arm64" -> {
                a = "arm64";
                v = v.equals("8") || v.equals("v8") ? "" : v;
            }
            case "armhf" -> {
                a = "arm";
                v = "v7";
            }
            case "armel" -> {
                a = "arm";
                v = "v6";
            }
            case "arm" -> v = switch (v) {
                case "5", "6", "7", "8" -> "v" + v;
                default -> v;
            };
            default -> { }
        }
        return new Platform(o, a, v.isEmpty() ? null : v, osVersion);
    }

    /**
     * True when an image for {@code candidate} runs here: same OS and CPU, and the variant asked
     * for when one was asked for (none asked takes any).
     */
    public boolean matches(Platform candidate) {
        if (candidate == null) {
            return false;
        }
        Platform want = normalize();
        Platform have = candidate.normalize();
        return want.os().equals(have.os()) && want.architecture().equals(have.architecture())
                && (want.variant() == null || want.variant().equals(have.variant()));
    }

    /** {@code os/arch[/variant]}, as dockerd prints a platform. */
    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null || variant.isEmpty() ? "" : "/" + variant);
    }
}
