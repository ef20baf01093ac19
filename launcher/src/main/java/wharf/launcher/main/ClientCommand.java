package wharf.launcher.main;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A management command for a running daemon, as {@code wharf [-H HOST] COMMAND [ARG...]} gives
 * it: only {@code -H/--host} may come before the command word; any other first argument means
 * the daemon's own command line.
 *
 * @param host    where the daemon's API listens: {@code -H}, else {@code $WHARF_HOST}, else the default socket
 * @param command {@code bundle}, {@code routes} or {@code jobs}
 * @param args    what follows the command word
 */
record ClientCommand(String host, String command, List<String> args) {
    /** The environment variable naming the daemon, as DOCKER_HOST does for docker. */
    static final String HOST_ENV = "WHARF_HOST";
    static final Set<String> COMMANDS = Set.of("bundle", "routes", "jobs");

    /** The command, or empty when the arguments are the daemon's. */
    static Optional<ClientCommand> parse(List<String> args, Map<String, String> env) throws UsageException {
        String host = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (COMMANDS.contains(arg)) {
                String chosen = host != null ? host : env.getOrDefault(HOST_ENV, "");
                return Optional.of(new ClientCommand(chosen.isBlank() ? Options.DEFAULT_HOST : chosen, arg,
                        List.copyOf(args.subList(i + 1, args.size()))));
            }
            if (arg.equals("-H") || arg.equals("--host")) {
                if (i + 1 >= args.size()) {
                    return Optional.empty(); // the daemon's parser reports the missing value
                }
                host = args.get(++i);
            } else if (arg.startsWith("--host=")) {
                host = arg.substring("--host=".length());
            } else if (arg.startsWith("-H")) {
                host = arg.startsWith("-H=") ? arg.substring(3) : arg.substring(2);
            } else {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
