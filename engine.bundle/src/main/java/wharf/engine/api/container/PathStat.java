package wharf.engine.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A path's stat as dockerd sends it, base64-encoded JSON, in {@code X-Docker-Container-Path-Stat}.
 *
 * @param name       the last element of the requested path ({@code /} for the root, {@code .} for
 *                   {@code /dir/.})
 * @param mode       Go's {@code os.FileMode} bits: permissions plus {@code 1<<31} for a directory,
 *                   {@code 1<<27} for a symlink, and so on
 * @param mtime      RFC 3339 with nanoseconds when there are any
 * @param linkTarget for a symlink, the absolute path in the container it resolves to; else empty
 */
public record PathStat(
        @JsonProperty("name") String name,
        @JsonProperty("size") long size,
        @JsonProperty("mode") long mode,
        @JsonProperty("mtime") String mtime,
        @JsonProperty("linkTarget") String linkTarget) {
}
