package wharf.graph.internal.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import wharf.engine.api.image.Progress;

/**
 * Keeps every report, in order, for assertions; safe to call from several threads. Public for the
 * store's registry tests one package up.
 */
public final class RecordingProgress implements Progress {
    /** One report: kind is message, status, progress, stream or aux. */
    public record Event(String kind, String id, String text, long current, long total, Object aux) {
    }

    private final List<Event> events = new ArrayList<>();

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The texts reported for one id, in order (messages, statuses and counted progress). */
    public synchronized List<String> texts(String id) {
        return events.stream().filter(e -> Objects.equals(e.id(), id) && e.text() != null).map(Event::text).toList();
    }

    /** The texts of plain messages without an id. */
    public synchronized List<String> messages() {
        return events.stream().filter(e -> e.kind().equals("message") && e.id() == null).map(Event::text).toList();
    }

    public synchronized boolean has(String id, String text) {
        return texts(id).contains(text);
    }

    public synchronized List<Object> auxes() {
        return events.stream().filter(e -> e.kind().equals("aux")).map(Event::aux).toList();
    }

    public synchronized List<Event> progressOf(String id, String text) {
        return events.stream().filter(e -> e.kind().equals("progress") && Objects.equals(e.id(), id)
                && e.text().equals(text)).toList();
    }

    @Override
    public synchronized void message(String id, String text) {
        events.add(new Event("message", id, text, 0, 0, null));
    }

    @Override
    public synchronized void status(String id, String status) {
        events.add(new Event("status", id, status, 0, 0, null));
    }

    @Override
    public synchronized void progress(String id, String status, long current, long total) {
        events.add(new Event("progress", id, status, current, total, null));
    }

    @Override
    public synchronized void stream(String text) {
        events.add(new Event("stream", null, text, 0, 0, null));
    }

    @Override
    public synchronized void aux(Object aux) {
        events.add(new Event("aux", null, null, 0, 0, aux));
    }
}
