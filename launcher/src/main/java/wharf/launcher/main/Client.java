package wharf.launcher.main;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * {@code wharf bundle|routes|jobs}: calls a running daemon's management API and prints what it
 * answers as the docker CLI does, tables on stdout and {@code Error response from daemon: …} on
 * stderr with exit 1.
 */
final class Client {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String BUNDLES = "/_wharf/bundles";

    private final ManagementClient api;
    private final PrintStream out;
    private final PrintStream err;

    Client(ManagementClient api, PrintStream out, PrintStream err) {
        this.api = api;
        this.out = out;
        this.err = err;
    }

    /** A failure to report: the message goes to stderr and the command exits with 1. */
    static final class CommandFailed extends Exception {
        private static final long serialVersionUID = 1L;

        CommandFailed(String message) {
            super(message);
        }
    }

    static int run(ClientCommand command, PrintStream out, PrintStream err) {
        Client client = new Client(new ManagementClient(command.host()), out, err);
        try {
            client.dispatch(command.command(), command.args());
            return 0;
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println("See 'wharf --help'.");
            return 2;
        } catch (CommandFailed | IOException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private void dispatch(String command, List<String> args) throws UsageException, CommandFailed, IOException {
        switch (command) {
            case "routes" -> {
                noArguments("routes", args);
                routes();
            }
            case "jobs" -> {
                noArguments("jobs", args);
                jobs();
            }
            default -> bundle(args);
        }
    }

    private void bundle(List<String> args) throws UsageException, CommandFailed, IOException {
        if (args.isEmpty()) {
            throw new UsageException("\"wharf bundle\" requires a subcommand: ls, install, update, uninstall, start, stop");
        }
        String sub = args.get(0);
        List<String> rest = args.subList(1, args.size());
        switch (sub) {
            case "ls", "list" -> {
                noArguments("bundle ls", rest);
                bundleList();
            }
            case "install" -> send(Path.of(oneArgument("bundle install", "JAR", rest)), false);
            case "update" -> send(Path.of(oneArgument("bundle update", "JAR", rest)), true);
            case "uninstall", "rm" -> {
                String name = oneArgument("bundle uninstall", "NAME", rest);
                call("DELETE", BUNDLES + "/" + name, null);
                out.println(name);
            }
            case "start", "stop" -> {
                String name = oneArgument("bundle " + sub, "NAME", rest);
                call("POST", BUNDLES + "/" + name + "/" + sub, null);
                out.println(name);
            }
            default -> throw new UsageException("unknown command \"" + sub + "\" for \"wharf bundle\"");
        }
    }

    private void bundleList() throws CommandFailed, IOException {
        Table table = new Table("ID", "NAME", "VERSION", "STATE");
        for (JsonNode b : call("GET", BUNDLES, null)) {
            table.row(b.path("Id").asText(), b.path("Name").asText(), b.path("Version").asText(),
                    b.path("State").asText());
        }
        out.print(table.render());
    }

    /** install refuses a symbolic name that is installed, update one that is not: the API does either. */
    private void send(Path jar, boolean update) throws CommandFailed, IOException {
        String name = symbolicName(jar);
        JsonNode present = null;
        for (JsonNode b : call("GET", BUNDLES, null)) {
            if (name.equals(b.path("Name").asText())) {
                present = b;
            }
        }
        if (update && present == null) {
            throw new CommandFailed("Error: no bundle named " + name + " is installed; 'wharf bundle install' installs it");
        }
        if (!update && present != null) {
            throw new CommandFailed("Error: bundle " + name + " " + present.path("Version").asText()
                    + " is installed; 'wharf bundle update' replaces it");
        }
        JsonNode b = call("POST", BUNDLES, jar);
        out.println((update ? "Updated " : "Installed ") + b.path("Name").asText() + " " + b.path("Version").asText()
                + " (bundle " + b.path("Id").asText() + ", " + b.path("State").asText() + ")");
    }

    private void routes() throws CommandFailed, IOException {
        Table table = new Table("METHOD", "PATH", "API", "GROUP", "BUNDLE", "RANKING", "NOTE");
        for (JsonNode r : call("GET", "/_wharf/routes", null)) {
            table.row(r.path("Method").asText(), r.path("Path").asText(),
                    versions(r.path("MinAPIVersion"), r.path("MaxAPIVersion")), r.path("Group").asText(),
                    bundle(r), r.path("Ranking").asText(), routeNote(r));
        }
        out.print(table.render());
    }

    private void jobs() throws CommandFailed, IOException {
        Table table = new Table("JOB", "INPUT", "OUTPUT", "BUNDLE", "RANKING", "NOTE");
        for (JsonNode j : call("GET", "/_wharf/jobs", null)) {
            List<String> shadows = new ArrayList<>();
            j.path("Shadows").forEach(s -> shadows.add(bundle(s) + " (ranking " + s.path("Ranking").asText() + ")"));
            table.row(j.path("Name").asText(), simpleName(j.path("Input")), simpleName(j.path("Output")), bundle(j),
                    j.path("Ranking").asText(), shadows.isEmpty() ? "" : "shadows " + String.join(", ", shadows));
        }
        out.print(table.render());
    }

    private static String routeNote(JsonNode r) {
        JsonNode by = r.path("ShadowedBy");
        if (by.isObject()) {
            return "shadowed by " + group(by);
        }
        List<String> shadows = new ArrayList<>();
        r.path("Shadows").forEach(s -> shadows.add(group(s)));
        return shadows.isEmpty() ? "" : "shadows " + String.join(", ", shadows);
    }

    private static String group(JsonNode p) {
        return p.path("Group").asText() + " (" + bundle(p) + ", ranking " + p.path("Ranking").asText() + ")";
    }

    private static String bundle(JsonNode p) {
        return p.path("Bundle").asText() + " " + p.path("BundleVersion").asText();
    }

    /** {@code 1.40+}, {@code <1.24}, {@code 1.30-1.40} (the upper bound excluded), or {@code all}. */
    static String versions(JsonNode since, JsonNode until) {
        boolean from = since.isTextual();
        boolean to = until.isTextual();
        if (from && to) {
            return since.asText() + "-" + until.asText();
        }
        if (from) {
            return since.asText() + "+";
        }
        return to ? "<" + until.asText() : "all";
    }

    private static String simpleName(JsonNode className) {
        if (!className.isTextual()) {
            return "?";
        }
        String name = className.asText();
        return name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
    }

    /** Calls the API and returns its JSON, or fails with the daemon's message. */
    private JsonNode call(String method, String path, Path body) throws CommandFailed, IOException {
        ManagementClient.Response r = api.send(method, path, body);
        JsonNode json;
        try {
            json = r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            json = null;
        }
        if (r.status() >= 400) {
            String message = json != null && json.path("message").isTextual() ? json.path("message").asText()
                    : r.body().strip();
            throw new CommandFailed("Error response from daemon: " + message);
        }
        if (json == null) {
            throw new CommandFailed("Error: the daemon's answer to " + method + " " + path + " is not JSON: " + r.body());
        }
        return json;
    }

    private static String symbolicName(Path jar) throws CommandFailed {
        if (!Files.isRegularFile(jar)) {
            throw new CommandFailed("Error: " + jar + " is not a file");
        }
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            manifest = file.getManifest();
        } catch (IOException e) {
            throw new CommandFailed("Error: " + jar + " is not a jar: " + e.getMessage());
        }
        String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
        if (name == null || name.isBlank()) {
            throw new CommandFailed("Error: " + jar + " is not a bundle: its manifest has no Bundle-SymbolicName");
        }
        return name.split(";", 2)[0].strip();
    }

    private static void noArguments(String command, List<String> args) throws UsageException {
        if (!args.isEmpty()) {
            throw new UsageException("\"wharf " + command + "\" accepts no arguments, got \"" + args.get(0) + "\"");
        }
    }

    private static String oneArgument(String command, String what, List<String> args) throws UsageException {
        if (args.size() != 1) {
            throw new UsageException("\"wharf " + command + "\" requires exactly 1 argument: " + what);
        }
        return args.get(0);
    }
}
