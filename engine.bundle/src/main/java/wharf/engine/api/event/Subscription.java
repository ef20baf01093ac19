package wharf.engine.api.event;

import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A subscriber's view of the bus: replayed events first, then live ones, in order. The bus
 * buffers a bounded number per subscriber; one that falls that far behind is ended rather than
 * allowed to hold memory or slow publishers.
 */
@ProviderType
public interface Subscription extends AutoCloseable {
    /**
     * The next event, waiting up to the timeout; null on timeout or once {@link #done()}.
     */
    Event next(Duration timeout) throws InterruptedException;

    /** True once nothing more will come: closed, past {@code until}, or dropped for lagging. */
    boolean done();

    @Override
    void close();
}
