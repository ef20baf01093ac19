package wharf.engine.api.container;

import java.io.InputStream;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ProviderType;

import wharf.engine.api.Cancellation;

/**
 * An open stream of a container's or an exec's output (and input): what logs, attach and exec
 * start hand back once their checks passed, so the route can answer (or hijack) knowing the
 * stream's shape and then run it.
 */
@ProviderType
public interface ContainerStream {

    /** Whether the process has a terminal: output is then raw, one stream, not multiplexed. */
    boolean tty();

    /**
     * Copies output to the sinks (with a terminal, everything goes to {@code stdout}) and, when
     * the stream takes input, {@code stdin} to the process, until the output ends, the client's
     * detach keys arrive, or {@code cancellation} fires.
     */
    void run(InputStream stdin, OutputStream stdout, OutputStream stderr, Cancellation cancellation)
            throws java.io.IOException;
}
