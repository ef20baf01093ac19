package wharf.engine.api.image;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where a streaming image job (load, import, pull, push) reports what it does, without knowing
 * the wire: the route adapts it to dockerd's JSON message stream. Jobs pass dockerd's exact
 * words, since clients match them ({@code Pulling fs layer}, {@code Download complete}, …).
 * <p>
 * A route should open its response on the first call, not before, so that a job failing before
 * it reports anything still gets a plain error status. A write to a client that went away may
 * throw a {@link RuntimeException}; jobs let it propagate.
 */
@ConsumerType
public interface Progress {
    /** Discards everything: for callers that want no progress. */
    Progress NONE = new Progress() {
        @Override
        public void message(String id, String text) {
        }

        @Override
        public void status(String id, String status) {
        }

        @Override
        public void progress(String id, String status, long current, long total) {
        }

        @Override
        public void stream(String text) {
        }

        @Override
        public void aux(Object aux) {
        }
    };

    /**
     * A plain message, {@code {"status": text, "id": id}} with no {@code progressDetail}
     * ({@code Pulling from library/busybox}, {@code Digest: sha256:…}, import's
     * {@code sha256:<id>}); id null for none. dockerd's {@code progress.Message}.
     */
    void message(String id, String text);

    /**
     * A step of one item, {@code {"status": status, "progressDetail": {}, "id": id}}
     * ({@code Pulling fs layer}, {@code Pull complete}, {@code Pushed}). dockerd's
     * {@code progress.Update} without counts.
     */
    void status(String id, String status);

    /**
     * Counted progress of one item, {@code {"status", "progressDetail": {"current", "total"},
     * "progress": bar, "id"}}; total 0 or less when unknown. The route draws the bar.
     */
    void progress(String id, String status, long current, long total);

    /** Free text, {@code {"stream": text}}, as load writes {@code Loaded image: …\n}. */
    void stream(String text);

    /** An auxiliary object, {@code {"progressDetail": {}, "aux": aux}}, as push's {@link PushResult}. */
    void aux(Object aux);
}
