package wharf.engine.api;

/** Nothing to do: the object is already in the asked state (start of a running container). */
public class NotModifiedError extends JobError {
    private static final long serialVersionUID = 1L;

    public NotModifiedError(String message) {
        super(message, null);
    }

    public NotModifiedError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final Kind kind() {
        return Kind.NOT_MODIFIED;
    }
}
