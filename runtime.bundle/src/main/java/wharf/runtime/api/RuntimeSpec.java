package wharf.runtime.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What a container runs and how.
 *
 * @param id the container's ID, also its name in the runtime
 * @param layers the image's unpacked layer dirs, lowest first
 * @param args the process's argv
 * @param env the process's environment, {@code KEY=value}
 * @param cwd the process's working directory in the rootfs (absolute)
 * @param user {@code uid[:gid]} numeric, or a user name found in the rootfs's /etc/passwd
 * @param hostname the container's hostname
 * @param tty whether the process gets a terminal
 * @param readonlyRootfs whether the rootfs is mounted read-only
 * @param dataDir the container's dir under {@code <data-root>/containers/<id>}; the runtime owns
 *        its {@code bundle} and {@code userdata} subdirs
 * @param logPath where conmon writes the container's output (CRI k8s-file format)
 */
public record RuntimeSpec(String id, List<Path> layers, List<String> args, List<String> env, String cwd,
        String user, String hostname, boolean tty, boolean readonlyRootfs, Path dataDir, Path logPath) {

    public RuntimeSpec {
        layers = List.copyOf(layers);
        args = List.copyOf(args);
        env = List.copyOf(env);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("no command specified");
        }
    }
}
