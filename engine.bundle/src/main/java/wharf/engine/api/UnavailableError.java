package wharf.engine.api;

/** The service that would do this is not there now (no handler, daemon stopping). */
public class UnavailableError extends JobError {
    private static final long serialVersionUID = 1L;

    public UnavailableError(String message) {
        super(message, null);
    }

    public UnavailableError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final Kind kind() {
        return Kind.UNAVAILABLE;
    }
}
