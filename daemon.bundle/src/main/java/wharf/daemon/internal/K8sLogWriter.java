package wharf.daemon.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes log records to a client's sinks as dockerd does: one write per record (the route makes
 * each write one frame), stderr records to {@code stderr}, a full record with its newline, a
 * partial one without, optionally behind its timestamp and a space. A terminal's output is all
 * stdout records already, so it needs nothing special here.
 */
final class K8sLogWriter implements LogFollower.Sink {
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final boolean wantStdout;
    private final boolean wantStderr;
    private final boolean timestamps;
    private boolean unflushed;

    K8sLogWriter(OutputStream stdout, OutputStream stderr, boolean wantStdout, boolean wantStderr,
            boolean timestamps) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.wantStdout = wantStdout;
        this.wantStderr = wantStderr;
        this.timestamps = timestamps;
    }

    @Override
    public void accept(K8sLogRecord record) throws IOException {
        if (record.stderr() ? !wantStderr : !wantStdout) {
            return;
        }
        byte[] prefix = timestamps
                ? (K8sLog.dockerTime(record.timeNanos()) + " ").getBytes(StandardCharsets.US_ASCII)
                : new byte[0];
        byte[] content = record.content();
        int newline = record.partial() ? 0 : 1;
        if (prefix.length + content.length + newline == 0) {
            return;
        }
        byte[] out = new byte[prefix.length + content.length + newline];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(content, 0, out, prefix.length, content.length);
        if (newline == 1) {
            out[out.length - 1] = '\n';
        }
        (record.stderr() ? stderr : stdout).write(out);
        unflushed = true;
    }

    @Override
    public void caughtUp() throws IOException {
        // The follower calls this at every idle poll: flush only what is new.
        if (!unflushed) {
            return;
        }
        unflushed = false;
        stdout.flush();
        if (stderr != stdout) {
            stderr.flush();
        }
    }
}
