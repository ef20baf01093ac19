package wharf.launcher.main;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * dockerd's daemon.json, with dockerd's keys and its rules: an unknown key is an error, and so is
 * a directive given both here and as a flag. Comments ({@code //} and {@code /* *}{@code /}) are
 * allowed so that the sample in conf/ can explain itself.
 */
final class DaemonConfigFile {
    /** Where the daemon looks when {@code --config-file} is not given; it may be absent. */
    static final Path DEFAULT = Path.of("/etc/wharf/daemon.json");

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private DaemonConfigFile() {
    }

    /**
     * Reads the file that applies: the one given, which must exist, or the default one if it exists.
     *
     * @param given {@code --config-file}
     * @return the directives the file holds; none when the default file does not exist
     */
    static Settings load(Optional<Path> given) throws ConfigException {
        Path path = given.orElse(DEFAULT);
        if (given.isEmpty() && !Files.exists(path)) {
            return new Settings();
        }
        try {
            return parse(Files.readString(path));
        } catch (NoSuchFileException e) {
            throw failure(path, "open " + path + ": no such file or directory");
        } catch (IOException e) {
            throw failure(path, "read " + path + ": " + e.getMessage());
        } catch (ConfigException e) {
            throw failure(path, e.getMessage());
        }
    }

    /** The directives a daemon.json text holds; a blank text holds none, as in dockerd. */
    static Settings parse(String text) throws ConfigException {
        Settings settings = new Settings();
        if (text.isBlank()) {
            return settings;
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new ConfigException(e.getOriginalMessage() + location(e));
        }
        if (!root.isObject()) {
            throw new ConfigException("the file must hold a JSON object, not " + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        TreeSet<String> unknown = new TreeSet<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            Optional<Directive> d = Directive.byKey(field.getKey());
            if (d.isEmpty()) {
                unknown.add(field.getKey());
            } else {
                read(settings, d.get(), field.getValue());
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException("the following directives don't match any configuration option: "
                    + String.join(", ", unknown));
        }
        return settings;
    }

    /**
     * dockerd's check that flags and file do not both set a directive.
     *
     * @throws ConfigException naming each directive with both values, in dockerd's words
     */
    static void checkConflicts(Settings flags, Settings file, Path path) throws ConfigException {
        String conflicts = flags.directives().stream()
                .filter(file::has)
                .sorted((a, b) -> a.flag().compareTo(b.flag()))
                .map(d -> d.key() + ": (from flag: " + flags.display(d) + ", from file: " + file.display(d) + ")")
                .reduce((a, b) -> a + ", " + b)
                .orElse(null);
        if (conflicts != null) {
            throw failure(path,
                    "the following directives are specified both as a flag and in the configuration file: " + conflicts);
        }
    }

    private static void read(Settings settings, Directive d, JsonNode value) throws ConfigException {
        switch (d.kind()) {
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw wrongType(d, "true or false", value);
                }
                settings.put(d, value.booleanValue());
            }
            case STRING -> {
                if (!value.isTextual()) {
                    throw wrongType(d, "a string", value);
                }
                check(d, value.textValue());
                settings.put(d, value.textValue());
            }
            case LIST -> {
                if (!value.isArray()) {
                    throw wrongType(d, "a list of strings", value);
                }
                List<String> items = new ArrayList<>();
                for (JsonNode item : value) {
                    if (!item.isTextual()) {
                        throw wrongType(d, "a list of strings", value);
                    }
                    check(d, item.textValue());
                    items.add(item.textValue());
                }
                settings.put(d, items);
            }
        }
    }

    private static ConfigException wrongType(Directive d, String wanted, JsonNode value) {
        return new ConfigException("\"" + d.key() + "\" must be " + wanted + ", not " + value);
    }

    private static void check(Directive d, String value) throws ConfigException {
        Optional<String> problem = Values.problem(d, value);
        if (problem.isPresent()) {
            throw new ConfigException("invalid value \"" + value + "\" for \"" + d.key() + "\": " + problem.get());
        }
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static ConfigException failure(Path path, String detail) {
        return new ConfigException("unable to configure the daemon with file " + path + ": " + detail);
    }
}
