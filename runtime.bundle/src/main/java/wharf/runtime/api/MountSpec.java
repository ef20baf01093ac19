package wharf.runtime.api;

import java.util.List;

/**
 * A mount in the container, as the OCI runtime spec's {@code mounts} entries: a bind
 * ({@code type "bind"}, options {@code rbind} and {@code ro} as asked) or a tmpfs.
 *
 * @param destination the absolute path in the container
 * @param type {@code bind} or {@code tmpfs}
 * @param source the host path of a bind; {@code tmpfs} for a tmpfs
 * @param options mount options ({@code rbind}, {@code ro}, {@code nosuid}, {@code size=…}, …)
 */
public record MountSpec(String destination, String type, String source, List<String> options) {

    public MountSpec {
        options = List.copyOf(options);
    }

    public static MountSpec bind(String source, String destination, boolean readOnly) {
        return new MountSpec(destination, "bind", source,
                readOnly ? List.of("rbind", "rprivate", "ro") : List.of("rbind", "rprivate"));
    }
}
