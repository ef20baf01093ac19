package wharf.engine.api;

/**
 * A failure with a kind the client can act on. Each subclass is exactly one {@link Kind}
 * (moby's errdefs, as types rather than strings); the server maps the kind to dockerd's
 * status code in one place, and the message becomes {@code {"message": …}}.
 */
public abstract class JobError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as a client is concerned. */
    public enum Kind {
        NOT_FOUND, CONFLICT, INVALID_PARAMETER, NOT_MODIFIED, FORBIDDEN, UNAUTHORIZED, UNAVAILABLE,
        CANCELLED, SYSTEM
    }

    protected JobError(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract Kind kind();
}
