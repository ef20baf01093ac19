package wharf.launcher.main;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import wharf.launcher.internal.DaemonOptions;

/**
 * bin/wharf. With a command word ({@code bundle}, {@code routes}, {@code jobs}) it is a client of
 * a running daemon's management API ({@link Client}). Otherwise it is Docker 1.2's
 * {@code mainDaemon}: it parses dockerd-style flags and daemon.json, configures logging, and boots
 * the OSGi framework whose {@code wharf.launcher} bundle runs {@code serveapi} and then
 * {@code acceptconnections}. Runs on the classpath (lib/), outside the
 * framework: only the JDK, Jackson and {@code org.osgi.framework} are used here.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Everything but the JVM's exit, so that tests can run the command line. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        try {
            Optional<ClientCommand> command = ClientCommand.parse(Arrays.asList(args), env);
            if (command.isPresent()) {
                return Client.run(command.get(), out, err);
            }
            CommandLine line = CommandLine.parse(Arrays.asList(args));
            if (line.help()) {
                out.print(Usage.text());
                return 0;
            }
            BuildVersion version = BuildVersion.current();
            if (line.version()) {
                out.println(version.line());
                return 0;
            }
            DaemonOptions options = resolve(line, env, version);
            Distribution dist = Distribution.locate();
            Logging.configure(dist.loggingDefaults(), options);
            return Daemon.run(options, dist, line.console(), err);
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println("See 'wharf --help'.");
            return 2;
        } catch (ConfigException e) {
            err.println("wharf: " + e.getMessage());
            return 1;
        }
    }

    /** Flags over daemon.json over defaults; a directive in both is an error, as in dockerd. */
    static DaemonOptions resolve(CommandLine line, Map<String, String> env, BuildVersion version)
            throws ConfigException {
        Settings file = DaemonConfigFile.load(line.configFile());
        DaemonConfigFile.checkConflicts(line.settings(), file, line.configFile().orElse(DaemonConfigFile.DEFAULT));
        return Options.resolve(file.overlaidWith(line.settings()), env, Path.of(System.getProperty("user.home")),
                version.version());
    }
}
