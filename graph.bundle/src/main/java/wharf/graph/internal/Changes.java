package wharf.graph.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import wharf.common.GoTime;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.image.ContainerConfig;

/**
 * Dockerfile instructions applied to an image config, as {@code docker import --change} and
 * {@code docker commit --change} send them (moby's {@code BuildFromConfig}): CMD, ENTRYPOINT,
 * ENV, EXPOSE, HEALTHCHECK, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR.
 */
final class Changes {
    private Changes() {
    }

    /** A mutable copy of the config's fields, turned back into a record at the end. */
    private static final class Draft {
        String user;
        Map<String, Map<String, Object>> exposedPorts;
        List<String> env;
        List<String> cmd;
        ContainerConfig.HealthConfig healthcheck;
        boolean argsEscaped;
        Map<String, Map<String, Object>> volumes;
        String workingDir;
        List<String> entrypoint;
        List<String> onBuild;
        Map<String, String> labels;
        String stopSignal;
        final ContainerConfig base;

        Draft(ContainerConfig c) {
            base = c;
            user = c.user();
            exposedPorts = c.exposedPorts() == null ? null : new LinkedHashMap<>(c.exposedPorts());
            env = c.env() == null ? null : new ArrayList<>(c.env());
            cmd = c.cmd();
            healthcheck = c.healthcheck();
            argsEscaped = c.argsEscaped();
            volumes = c.volumes() == null ? null : new LinkedHashMap<>(c.volumes());
            workingDir = c.workingDir();
            entrypoint = c.entrypoint();
            onBuild = c.onBuild() == null ? null : new ArrayList<>(c.onBuild());
            labels = c.labels() == null ? null : new LinkedHashMap<>(c.labels());
            stopSignal = c.stopSignal();
        }

        ContainerConfig build() {
            ContainerConfig c = base;
            return new ContainerConfig(c.hostname(), c.domainname(), user, c.attachStdin(), c.attachStdout(),
                    c.attachStderr(), exposedPorts, c.tty(), c.openStdin(), c.stdinOnce(), env, cmd, healthcheck,
                    argsEscaped, c.image(), volumes, workingDir, entrypoint, c.networkDisabled(), c.macAddress(), onBuild,
                    labels, stopSignal, c.stopTimeout(), c.shell());
        }
    }

    static ContainerConfig apply(ContainerConfig config, List<String> changes) {
        if (changes.isEmpty()) {
            return config;
        }
        Draft d = new Draft(config);
        for (String change : changes) {
            String line = change.strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = indexOfWhitespace(line);
            String keyword = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
            String rest = space < 0 ? "" : line.substring(space).strip();
            apply(d, keyword, rest, line);
        }
        return d.build();
    }

    private static void apply(Draft d, String keyword, String rest, String line) {
        switch (keyword) {
            case "cmd" -> d.cmd = commandForm(rest);
            case "entrypoint" -> d.entrypoint = commandForm(rest);
            case "env" -> env(d, rest, line);
            case "label" -> {
                d.labels = d.labels == null ? new LinkedHashMap<>() : d.labels;
                d.labels.putAll(pairs(rest, "LABEL", line));
            }
            case "expose" -> expose(d, rest);
            case "user" -> d.user = requireArg("USER", rest);
            case "workdir" -> d.workingDir = workdir(d.workingDir, requireArg("WORKDIR", rest));
            case "volume" -> {
                d.volumes = d.volumes == null ? new LinkedHashMap<>() : d.volumes;
                for (String v : jsonOrWords(rest)) {
                    if (v.isBlank()) {
                        throw new InvalidParameterError("VOLUME specified can not be an empty string");
                    }
                    d.volumes.put(v, Map.of());
                }
            }
            case "stopsignal" -> d.stopSignal = requireArg("STOPSIGNAL", rest);
            case "onbuild" -> onbuild(d, rest);
            case "healthcheck" -> d.healthcheck = healthcheck(rest);
            default -> throw new InvalidParameterError(keyword + " is not a valid change command");
        }
    }

    private static String requireArg(String instruction, String rest) {
        if (rest.isEmpty()) {
            throw new InvalidParameterError(instruction + " requires exactly one argument");
        }
        return rest;
    }

    /** The exec form ({@code ["a","b"]}) as is; the shell form run by {@code /bin/sh -c}. */
    private static List<String> commandForm(String rest) {
        List<String> json = jsonArray(rest);
        if (json != null) {
            return json;
        }
        return List.of("/bin/sh", "-c", rest);
    }

    private static List<String> jsonOrWords(String rest) {
        List<String> json = jsonArray(rest);
        return json != null ? json : words(rest);
    }

    private static List<String> jsonArray(String rest) {
        if (!rest.startsWith("[")) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(rest, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            return null;
        }
    }

    private static void env(Draft d, String rest, String line) {
        d.env = d.env == null ? new ArrayList<>() : d.env;
        Map<String, String> vars;
        List<String> w = words(rest);
        if (!w.isEmpty() && !w.get(0).contains("=")) {
            // the legacy form: ENV name value with spaces
            int space = indexOfWhitespace(rest);
            if (space < 0) {
                throw new InvalidParameterError("ENV must have two arguments");
            }
            vars = Map.of(unquote(rest.substring(0, space)), unquote(rest.substring(space).strip()));
        } else {
            vars = pairs(rest, "ENV", line);
        }
        for (Map.Entry<String, String> v : vars.entrySet()) {
            String entry = v.getKey() + "=" + v.getValue();
            d.env.removeIf(e -> e.equals(v.getKey()) || e.startsWith(v.getKey() + "="));
            d.env.add(entry);
        }
    }

    private static Map<String, String> pairs(String rest, String instruction, String line) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> w = words(rest);
        if (w.isEmpty()) {
            throw new InvalidParameterError(instruction + " requires at least one argument");
        }
        for (String word : w) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new InvalidParameterError("Syntax error - can't find = in \"" + word + "\". Must be of the form: name=value");
            }
            out.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return out;
    }

    private static void expose(Draft d, String rest) {
        d.exposedPorts = d.exposedPorts == null ? new LinkedHashMap<>() : d.exposedPorts;
        for (String spec : words(rest)) {
            String proto = "tcp";
            String ports = spec;
            int slash = spec.indexOf('/');
            if (slash >= 0) {
                proto = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
                ports = spec.substring(0, slash);
            }
            if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
                throw new InvalidParameterError("invalid proto: " + proto);
            }
            int dash = ports.indexOf('-');
            try {
                int first = Integer.parseInt(dash < 0 ? ports : ports.substring(0, dash));
                int last = dash < 0 ? first : Integer.parseInt(ports.substring(dash + 1));
                if (first < 0 || last > 65535 || last < first) {
                    throw new NumberFormatException(ports);
                }
                for (int p = first; p <= last; p++) {
                    d.exposedPorts.put(p + "/" + proto, Map.of());
                }
            } catch (NumberFormatException e) {
                throw new InvalidParameterError("invalid containerPort: " + ports);
            }
        }
    }

    private static String workdir(String current, String dir) {
        if (dir.startsWith("/")) {
            return java.nio.file.Path.of(dir).normalize().toString();
        }
        String base = current == null || current.isEmpty() ? "/" : current;
        return java.nio.file.Path.of(base).resolve(dir).normalize().toString();
    }

    private static void onbuild(Draft d, String rest) {
        int space = indexOfWhitespace(rest);
        String trigger = (space < 0 ? rest : rest.substring(0, space)).toUpperCase(Locale.ROOT);
        if (trigger.isEmpty()) {
            throw new InvalidParameterError("ONBUILD requires at least one argument");
        }
        if (trigger.equals("ONBUILD")) {
            throw new InvalidParameterError("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        }
        if (trigger.equals("MAINTAINER") || trigger.equals("FROM")) {
            throw new InvalidParameterError(trigger + " isn't allowed as an ONBUILD trigger");
        }
        d.onBuild = d.onBuild == null ? new ArrayList<>() : d.onBuild;
        d.onBuild.add(trigger + (space < 0 ? "" : rest.substring(space)));
    }

    /** {@code HEALTHCHECK NONE} or {@code HEALTHCHECK [--interval=…] [--timeout=…] [--start-period=…] [--retries=…] CMD …}. */
    private static ContainerConfig.HealthConfig healthcheck(String rest) {
        List<String> w = words(rest);
        if (w.size() == 1 && w.get(0).equalsIgnoreCase("none")) {
            return new ContainerConfig.HealthConfig(List.of("NONE"), 0, 0, 0, 0, 0);
        }
        long interval = 0;
        long timeout = 0;
        long startPeriod = 0;
        long startInterval = 0;
        int retries = 0;
        String remaining = rest;
        while (remaining.startsWith("--")) {
            int space = indexOfWhitespace(remaining);
            String flag = space < 0 ? remaining : remaining.substring(0, space);
            remaining = space < 0 ? "" : remaining.substring(space).strip();
            int eq = flag.indexOf('=');
            if (eq < 0) {
                throw new InvalidParameterError("flag needs an argument: " + flag);
            }
            String name = flag.substring(2, eq);
            String value = flag.substring(eq + 1);
            switch (name) {
                case "interval" -> interval = duration(name, value);
                case "timeout" -> timeout = duration(name, value);
                case "start-period" -> startPeriod = duration(name, value);
                case "start-interval" -> startInterval = duration(name, value);
                case "retries" -> {
                    try {
                        retries = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new InvalidParameterError("invalid retries: " + value);
                    }
                }
                default -> throw new InvalidParameterError("Unknown flag: " + name);
            }
        }
        int space = indexOfWhitespace(remaining);
        String type = (space < 0 ? remaining : remaining.substring(0, space)).toUpperCase(Locale.ROOT);
        if (!type.equals("CMD")) {
            throw new InvalidParameterError("Unknown type \"" + type + "\" in HEALTHCHECK (try CMD)");
        }
        String cmd = space < 0 ? "" : remaining.substring(space).strip();
        if (cmd.isEmpty()) {
            throw new InvalidParameterError("Missing command after HEALTHCHECK CMD");
        }
        List<String> json = jsonArray(cmd);
        List<String> test = new ArrayList<>();
        if (json != null) {
            test.add("CMD");
            test.addAll(json);
        } else {
            test.add("CMD-SHELL");
            test.add(cmd);
        }
        return new ContainerConfig.HealthConfig(test, interval, timeout, startPeriod, startInterval, retries);
    }

    private static long duration(String name, String value) {
        java.time.Duration d = GoTime.parseDuration(value);
        if (d == null) {
            throw new InvalidParameterError("time: invalid duration \"" + value + "\"");
        }
        if (d.isNegative()) {
            throw new InvalidParameterError("Interval \"" + name + "\" cannot be less than 0s");
        }
        return d.toNanos();
    }

    /** Splits on unquoted whitespace; quotes group and are removed, a backslash escapes. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < s.length()) {
                    cur.append(s.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new InvalidParameterError("unexpected end of statement while looking for matching " + quote);
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String unquote(String s) {
        List<String> w = words(s);
        return String.join(" ", w);
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
