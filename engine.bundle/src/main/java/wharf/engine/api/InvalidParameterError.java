package wharf.engine.api;

/** The request itself is malformed or names an invalid value. */
public class InvalidParameterError extends JobError {
    private static final long serialVersionUID = 1L;

    public InvalidParameterError(String message) {
        super(message, null);
    }

    public InvalidParameterError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final Kind kind() {
        return Kind.INVALID_PARAMETER;
    }
}
