package wharf.engine.api;

/** The caller went away before the job finished. */
public class CancelledError extends JobError {
    private static final long serialVersionUID = 1L;

    public CancelledError(String message) {
        super(message, null);
    }

    public CancelledError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final Kind kind() {
        return Kind.CANCELLED;
    }
}
