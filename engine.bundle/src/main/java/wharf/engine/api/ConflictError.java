package wharf.engine.api;

/** The request conflicts with the object's state (name in use, container running). */
public class ConflictError extends JobError {
    private static final long serialVersionUID = 1L;

    public ConflictError(String message) {
        super(message, null);
    }

    public ConflictError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final Kind kind() {
        return Kind.CONFLICT;
    }
}
