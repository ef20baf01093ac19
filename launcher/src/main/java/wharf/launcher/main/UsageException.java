package wharf.launcher.main;

/**
 * The command line is wrong: Main prints the message and "See 'wharf --help'." on stderr and
 * exits with 2, as Go's flag package does.
 */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
