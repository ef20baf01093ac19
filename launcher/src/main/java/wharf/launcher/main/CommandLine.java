package wharf.launcher.main;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code wharf} was asked on its command line, parsed as pflag (cobra) parses dockerd's:
 * {@code --flag value}, {@code --flag=value}, {@code -H value}, {@code -Hvalue}, {@code -H=value},
 * combined boolean shorthands ({@code -Dv}), {@code --tls=false}; a boolean flag never takes the
 * next argument as its value.
 *
 * @param settings   the directives given as flags
 * @param configFile {@code --config-file}, if given
 * @param help       {@code -h/--help}
 * @param version    {@code -v/--version}
 * @param console    {@code --console}: a Gogo shell on the process's own stdin/stdout
 */
record CommandLine(Settings settings, Optional<Path> configFile, boolean help, boolean version, boolean console) {

    static CommandLine parse(List<String> args) throws UsageException {
        Parser p = new Parser(args);
        p.run();
        return new CommandLine(p.settings, Optional.ofNullable(p.configFile).map(Path::of), p.help, p.version,
                p.console);
    }

    /** One pass over the arguments; the fields collect what was given. */
    private static final class Parser {
        private final List<String> args;
        private int next;
        private final Settings settings = new Settings();
        private String configFile;
        private boolean help;
        private boolean version;
        private boolean console;

        Parser(List<String> args) {
            this.args = args;
        }

        void run() throws UsageException {
            while (next < args.size()) {
                String arg = args.get(next++);
                if (arg.equals("--")) {
                    if (next < args.size()) {
                        noArguments(args.get(next));
                    }
                } else if (arg.startsWith("--")) {
                    longFlag(arg.substring(2));
                } else if (arg.startsWith("-") && arg.length() > 1) {
                    shorthands(arg.substring(1));
                } else {
                    noArguments(arg);
                }
            }
        }

        private void longFlag(String body) throws UsageException {
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String inline = eq < 0 ? null : body.substring(eq + 1);
            switch (name) {
                case "help":
                    help = bool("--help", inline);
                    return;
                case "version":
                    version = bool("--version", inline);
                    return;
                case "console":
                    console = bool("--console", inline);
                    return;
                case "config-file":
                    configFile = inline != null ? inline : takeNext("--config-file");
                    return;
                default:
            }
            Directive d = Directive.byFlag(name).orElseThrow(() -> new UsageException("unknown flag: --" + name));
            if (d.kind() == Directive.Kind.BOOLEAN) {
                settings.put(d, bool(d.displayName(), inline));
            } else {
                set(d, inline != null ? inline : takeNext("--" + name));
            }
        }

        /** {@code -Dv}, {@code -H value}, {@code -Hvalue}, {@code -H=value}, {@code -D=false}. */
        private void shorthands(String chars) throws UsageException {
            for (int i = 0; i < chars.length(); i++) {
                char c = chars.charAt(i);
                String rest = chars.substring(i + 1);
                String inline = rest.startsWith("=") ? rest.substring(1) : null;
                if (c == 'h' || c == 'v') {
                    boolean value = bool(c == 'h' ? "-h, --help" : "-v, --version", inline);
                    if (c == 'h') {
                        help = value;
                    } else {
                        version = value;
                    }
                } else {
                    Directive d = Directive.byShorthand(c).orElseThrow(
                            () -> new UsageException("unknown shorthand flag: '" + c + "' in -" + chars));
                    if (d.kind() == Directive.Kind.BOOLEAN) {
                        settings.put(d, bool(d.displayName(), inline));
                    } else {
                        set(d, inline != null ? inline
                                : !rest.isEmpty() ? rest
                                : takeNext("'" + c + "' in -" + chars));
                        return;
                    }
                }
                if (inline != null) {
                    return;
                }
            }
        }

        private void set(Directive d, String value) throws UsageException {
            Optional<String> problem = Values.problem(d, value);
            if (problem.isPresent()) {
                throw new UsageException("invalid argument \"" + value + "\" for \"" + d.displayName() + "\" flag: "
                        + problem.get());
            }
            if (d.kind() == Directive.Kind.LIST) {
                settings.add(d, value);
            } else {
                settings.put(d, value);
            }
        }

        private String takeNext(String what) throws UsageException {
            if (next >= args.size()) {
                throw new UsageException("flag needs an argument: " + what);
            }
            return args.get(next++);
        }

        private static boolean bool(String flag, String inline) throws UsageException {
            if (inline == null) {
                return true;
            }
            return Values.parseBoolean(inline).orElseThrow(() -> new UsageException(
                    "invalid argument \"" + inline + "\" for \"" + flag + "\" flag: want true or false"));
        }

        private static void noArguments(String arg) throws UsageException {
            throw new UsageException("\"wharf\" accepts no arguments, got \"" + arg + "\"");
        }
    }
}
