package wharf.launcher.main;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/** The checks a directive's value passes wherever it comes from, flag or daemon.json. */
final class Values {
    /** The seed's serveapi usage error: every address is {@code PROTO://ADDR}. */
    static final String HOST_USAGE = "usage: serveapi PROTO://ADDR [PROTO://ADDR ...]";
    static final List<String> LOG_LEVELS = List.of("debug", "info", "warn", "error", "fatal");
    /** The OCI runtimes containers can run with. */
    static final List<String> RUNTIMES = List.of("runc", "crun");

    private Values() {
    }

    /**
     * Why a value is not acceptable for the directive, or empty when it is. Only the shape is
     * checked here; whether a protocol has a transport is the server's call.
     */
    static Optional<String> problem(Directive d, String value) {
        return switch (d) {
            case HOSTS -> isProtoAddr(value) ? Optional.empty() : Optional.of(HOST_USAGE);
            case LOG_LEVEL -> LOG_LEVELS.contains(value) ? Optional.empty()
                    : Optional.of("invalid logging level: " + value + " (want one of " + String.join(", ", LOG_LEVELS)
                            + ")");
            case INSECURE_REGISTRIES -> insecureRegistryProblem(value);
            case DEFAULT_RUNTIME -> RUNTIMES.contains(value) ? Optional.empty()
                    : Optional.of("default runtime " + value + " does not exist (want one of "
                            + String.join(", ", RUNTIMES) + ")");
            default -> Optional.empty();
        };
    }

    /**
     * dockerd's checks of an {@code --insecure-registry}: {@code host[:port]} or a CIDR block;
     * an {@code http://} or {@code https://} in front is dropped, any other scheme refused.
     */
    private static Optional<String> insecureRegistryProblem(String value) {
        String r = value.replaceFirst("^(?i)https?://", "");
        if (r.contains("://")) {
            return Optional.of("insecure registry " + value + " should not contain '://'");
        }
        if (r.isEmpty() || r.contains(",") || r.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("insecure registry " + value + " is not valid");
        }
        if (r.contains("/") && !isCidr(r)) {
            return Optional.of("invalid CIDR address: " + value);
        }
        return Optional.empty();
    }

    /** An IPv4 or IPv6 literal, a slash, and a prefix length that fits the address. */
    private static boolean isCidr(String value) {
        int slash = value.indexOf('/');
        String address = value.substring(0, slash);
        String bits = value.substring(slash + 1);
        // literals only, so that InetAddress parses and never looks a name up
        if (!address.matches("[0-9.]+|[0-9a-fA-F.]*:[0-9a-fA-F:.]*") || !bits.matches("\\d{1,3}")) {
            return false;
        }
        try {
            return Integer.parseInt(bits) <= InetAddress.getByName(address).getAddress().length * 8;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The seed's check: a protocol, {@code ://}, and an address, neither empty. */
    private static boolean isProtoAddr(String value) {
        int sep = value.indexOf("://");
        return sep > 0 && sep + 3 < value.length();
    }

    /** Go's {@code strconv.ParseBool}, which pflag uses for {@code --tls=false}. */
    static Optional<Boolean> parseBoolean(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> Optional.of(true);
            case "0", "f", "F", "FALSE", "false", "False" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
