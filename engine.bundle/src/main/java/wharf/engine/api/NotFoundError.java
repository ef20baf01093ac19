package wharf.engine.api;

/** A named object (container, image, exec, route) does not exist. */
public class NotFoundError extends JobError {
    private static final long serialVersionUID = 1L;

    public NotFoundError(String message) {
        super(message, null);
    }

    public NotFoundError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final Kind kind() {
        return Kind.NOT_FOUND;
    }
}
