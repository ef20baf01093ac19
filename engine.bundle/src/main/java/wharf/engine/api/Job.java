package wharf.engine.api;

import org.osgi.annotation.versioning.ProviderType;

/** One run of a job, as its handler and interceptors see it. */
@ProviderType
public interface Job<I> {
    JobType<I, ?> type();

    I input();

    /** The caller's streams and cancellation. */
    JobIO io();

    default Cancellation cancellation() {
        return io().cancellation();
    }
}
