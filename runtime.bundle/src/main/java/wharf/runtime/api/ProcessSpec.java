package wharf.runtime.api;

import java.util.List;

/**
 * A process to run in a container: its main process or one that exec starts.
 *
 * @param args the argv; not empty
 * @param env {@code KEY=value} entries
 * @param cwd the working directory in the rootfs (absolute); created if missing for a container's
 *        main process
 * @param user {@code uid[:gid]} numeric, or a user (and group) name from the rootfs's /etc/passwd
 *        and /etc/group; empty is root
 * @param tty whether the process gets a terminal (conmon holds its master side)
 * @param rows the terminal's initial height, 0 if unknown
 * @param columns the terminal's initial width, 0 if unknown
 */
public record ProcessSpec(List<String> args, List<String> env, String cwd, String user, boolean tty, int rows,
        int columns) {

    public ProcessSpec {
        args = List.copyOf(args);
        env = List.copyOf(env);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("no command specified");
        }
    }
}
