package wharf.engine.api;

/** An unexpected failure inside the daemon. */
public class SystemError extends JobError {
    private static final long serialVersionUID = 1L;

    public SystemError(String message) {
        super(message, null);
    }

    public SystemError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final Kind kind() {
        return Kind.SYSTEM;
    }
}
