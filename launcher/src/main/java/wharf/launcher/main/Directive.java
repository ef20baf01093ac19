package wharf.launcher.main;

import java.util.Arrays;
import java.util.Optional;

/**
 * A daemon setting that can be given as a flag or in daemon.json, under dockerd's names. The
 * flags that only steer the launcher itself ({@code --config-file}, {@code --help},
 * {@code --version}) are not directives: daemon.json cannot hold them.
 */
enum Directive {
    HOSTS("hosts", "host", 'H', Kind.LIST, "Daemon socket(s) to connect to", Options.DEFAULT_HOST),
    TLS("tls", "tls", null, Kind.BOOLEAN, "Use TLS; implied by --tlsverify", null),
    TLS_VERIFY("tlsverify", "tlsverify", null, Kind.BOOLEAN, "Use TLS and verify the remote", null),
    TLS_CA_CERT("tlscacert", "tlscacert", null, Kind.STRING, "Trust certs signed only by this CA", "~/.docker/ca.pem"),
    TLS_CERT("tlscert", "tlscert", null, Kind.STRING, "Path to TLS certificate file", "~/.docker/cert.pem"),
    TLS_KEY("tlskey", "tlskey", null, Kind.STRING, "Path to TLS key file", "~/.docker/key.pem"),
    GROUP("group", "group", 'G', Kind.STRING, "Group for the unix socket (default: docker if it exists, else root)",
            null),
    API_CORS_HEADER("api-cors-header", "api-cors-header", null, Kind.STRING, "Set CORS headers in the Engine API", null),
    DATA_ROOT("data-root", "data-root", null, Kind.STRING, "Root directory of persistent Wharf state",
            Options.DEFAULT_DATA_ROOT),
    DEBUG("debug", "debug", 'D', Kind.BOOLEAN, "Enable debug mode", null),
    LOG_LEVEL("log-level", "log-level", 'l', Kind.STRING,
            "Set the logging level (\"debug\"|\"info\"|\"warn\"|\"error\"|\"fatal\")", Options.DEFAULT_LOG_LEVEL),
    INSECURE_REGISTRIES("insecure-registries", "insecure-registry", null, Kind.LIST,
            "Enable insecure registry communication", null),
    DEFAULT_RUNTIME("default-runtime", "default-runtime", null, Kind.STRING,
            "Default OCI runtime for containers (runc or crun)", "runc if installed, else crun");

    /** The value a directive holds: a flag's repeated values become a list. */
    enum Kind {
        BOOLEAN, STRING, LIST
    }

    private final String key;
    private final String flag;
    private final Character shorthand;
    private final Kind kind;
    private final String help;
    private final String defaultText;

    Directive(String key, String flag, Character shorthand, Kind kind, String help, String defaultText) {
        this.key = key;
        this.flag = flag;
        this.shorthand = shorthand;
        this.kind = kind;
        this.help = help;
        this.defaultText = defaultText;
    }

    /** The name in daemon.json. */
    String key() {
        return key;
    }

    /** The long flag, without dashes. */
    String flag() {
        return flag;
    }

    Optional<Character> shorthand() {
        return Optional.ofNullable(shorthand);
    }

    Kind kind() {
        return kind;
    }

    String help() {
        return help;
    }

    /** What applies when the directive is not given, as the usage text shows it; null for none. */
    String defaultText() {
        return defaultText;
    }

    /** As pflag names a flag in its messages: {@code -H, --host} or {@code --tls}. */
    String displayName() {
        return shorthand == null ? "--" + flag : "-" + shorthand + ", --" + flag;
    }

    static Optional<Directive> byKey(String key) {
        return Arrays.stream(values()).filter(d -> d.key.equals(key)).findFirst();
    }

    static Optional<Directive> byFlag(String flag) {
        return Arrays.stream(values()).filter(d -> d.flag.equals(flag)).findFirst();
    }

    static Optional<Directive> byShorthand(char c) {
        return Arrays.stream(values()).filter(d -> d.shorthand != null && d.shorthand == c).findFirst();
    }
}
