package wharf.launcher.main;

/** The daemon cannot start as configured: Main prints {@code wharf: <message>} and exits with 1. */
final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
        super(message);
    }

    ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
