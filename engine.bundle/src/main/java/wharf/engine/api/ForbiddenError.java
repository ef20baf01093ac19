package wharf.engine.api;

/** A policy refused the request. */
public class ForbiddenError extends JobError {
    private static final long serialVersionUID = 1L;

    public ForbiddenError(String message) {
        super(message, null);
    }

    public ForbiddenError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final Kind kind() {
        return Kind.FORBIDDEN;
    }
}
