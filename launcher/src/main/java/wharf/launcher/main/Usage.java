package wharf.launcher.main;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code wharf --help}, laid out as cobra lays out dockerd's. */
final class Usage {
    private Usage() {
    }

    /** One line of the options table. */
    private record Line(String shorthand, String flag, String type, String help, String defaultText) {
        String left() {
            String names = (shorthand == null ? "    " : "-" + shorthand + ", ") + "--" + flag;
            return type == null ? names : names + " " + type;
        }

        String right() {
            return defaultText == null ? help : help + " (default \"" + defaultText + "\")";
        }
    }

    /** The management commands; they talk to a running daemon, never start one. */
    static final String COMMANDS = """
            Commands (the management API of the daemon at -H, else $WHARF_HOST, else unix:///var/run/wharf.sock):
              bundle ls               List the framework's bundles
              bundle install JAR      Install and start a bundle
              bundle update JAR       Update the installed bundle of the jar's symbolic name in place
              bundle uninstall NAME   Uninstall a bundle
              bundle start NAME       Start a bundle
              bundle stop NAME        Stop a bundle
              routes                  List the API's routes: the bundle serving each, what it shadows
              jobs                    List the engine's jobs: the bundle handling each, what it shadows

            """;

    static String text() {
        List<Line> lines = new ArrayList<>();
        for (Directive d : Directive.values()) {
            String type = switch (d.kind()) {
                case BOOLEAN -> null;
                case STRING -> "string";
                case LIST -> "list";
            };
            lines.add(new Line(d.shorthand().map(String::valueOf).orElse(null), d.flag(), type, d.help(),
                    d.defaultText()));
        }
        lines.add(new Line(null, "config-file", "string", "Daemon configuration file",
                DaemonConfigFile.DEFAULT.toString()));
        lines.add(new Line(null, "console", null, "Run a Gogo shell on this terminal (stdin/stdout)", null));
        lines.add(new Line("h", "help", null, "Print usage", null));
        lines.add(new Line("v", "version", null, "Print version information and quit", null));
        lines.sort(Comparator.comparing(Line::flag));
        int width = lines.stream().mapToInt(l -> l.left().length()).max().orElse(0) + 3;

        StringBuilder out = new StringBuilder()
                .append("Usage:\twharf [OPTIONS]\n")
                .append("\twharf [-H HOST] COMMAND\n\n")
                .append("A Docker Engine API daemon as an OSGi plugin host\n\n")
                .append(COMMANDS)
                .append("Options:\n");
        for (Line l : lines) {
            out.append("  ").append(String.format("%-" + width + "s", l.left())).append(l.right()).append('\n');
        }
        return out.toString();
    }
}
