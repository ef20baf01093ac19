package wharf.graph.internal.registry;

import java.io.IOException;

/** Written content does not have the digest (or size) it was announced with. */
public class DigestMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String actual;

    public DigestMismatchException(String expected, String actual) {
        super("content digest " + actual + " does not match " + expected);
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
