package wharf.routes.images.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import wharf.engine.api.image.Progress;
import wharf.server.api.ProgressStream;

/**
 * A job's {@link Progress} as dockerd's JSON message stream. Jobs report from several threads
 * (a pull downloads layers at once), so every message is written whole under one lock. A write
 * to a client that went away surfaces as an {@link UncheckedIOException} that the job lets
 * propagate.
 */
final class ProgressSink implements Progress {
    private final ProgressStream stream;

    ProgressSink(ProgressStream stream) {
        this.stream = stream;
    }

    @Override
    public synchronized void message(String id, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", text);
        if (id != null) {
            m.put("id", id);
        }
        write(() -> stream.write(m));
    }

    @Override
    public synchronized void status(String id, String status) {
        write(() -> stream.status(id, status));
    }

    @Override
    public synchronized void progress(String id, String status, long current, long total) {
        String bar = ProgressBar.of(current, total);
        write(() -> stream.progress(id, status, current, total, bar.isEmpty() ? null : bar));
    }

    @Override
    public synchronized void stream(String text) {
        write(() -> stream.stream(text));
    }

    @Override
    public synchronized void aux(Object aux) {
        write(() -> stream.aux(aux));
    }

    /** The error that ends the stream, {@code {"errorDetail":{"message"},"error"}}. */
    synchronized void error(String message) throws IOException {
        stream.error(message);
    }

    private static void write(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
