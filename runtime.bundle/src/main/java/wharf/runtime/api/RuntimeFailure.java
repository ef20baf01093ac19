package wharf.runtime.api;

/** An operation the runtime, conmon or the rootfs refused; the message carries theirs. */
public class RuntimeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RuntimeFailure(String message) {
        super(message);
    }

    public RuntimeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
