package wharf.server.transport;

/** A listener could not be opened; the message says why, for the user. */
public class ListenerException extends Exception {
    private static final long serialVersionUID = 1L;

    public ListenerException(String message) {
        super(message);
    }

    public ListenerException(String message, Throwable cause) {
        super(message, cause);
    }
}
