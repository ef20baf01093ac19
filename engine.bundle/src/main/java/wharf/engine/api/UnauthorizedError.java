package wharf.engine.api;

/** Credentials were refused (a registry login). */
public class UnauthorizedError extends JobError {
    private static final long serialVersionUID = 1L;

    public UnauthorizedError(String message) {
        super(message, null);
    }

    public UnauthorizedError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final Kind kind() {
        return Kind.UNAUTHORIZED;
    }
}
