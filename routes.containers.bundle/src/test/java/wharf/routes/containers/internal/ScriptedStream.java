package wharf.routes.containers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import wharf.engine.api.Cancellation;
import wharf.engine.api.container.ContainerStream;

/**
 * A container stream for handler tests: writes its script to stdout and stderr, one write per
 * line as the daemon would, then copies whatever the client sends to stdout.
 */
final class ScriptedStream implements ContainerStream {
    private final boolean tty;
    private final List<String[]> script = new ArrayList<>();
    private volatile Cancellation cancellation;
    private IOException failure;

    ScriptedStream(boolean tty) {
        this.tty = tty;
    }

    ScriptedStream out(String text) {
        script.add(new String[] {"out", text});
        return this;
    }

    ScriptedStream err(String text) {
        script.add(new String[] {"err", text});
        return this;
    }

    /** Fails after the script, before reading the client's input. */
    ScriptedStream failing(String message) {
        failure = new IOException(message);
        return this;
    }

    Cancellation cancellation() {
        return cancellation;
    }

    @Override
    public boolean tty() {
        return tty;
    }

    @Override
    public void run(InputStream stdin, OutputStream stdout, OutputStream stderr, Cancellation cancellation)
            throws IOException {
        this.cancellation = cancellation;
        for (String[] step : script) {
            (step[0].equals("out") ? stdout : stderr).write(step[1].getBytes(StandardCharsets.UTF_8));
        }
        if (failure != null) {
            throw failure;
        }
        byte[] input = stdin.readAllBytes();
        if (input.length > 0) {
            stdout.write(input);
        }
    }
}
