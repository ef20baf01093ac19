package wharf.engine.api;

import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;
import wharf.engine.api.event.EventBus;

/**
 * Docker 1.2's engine as a service: jobs are registered by type and run by type. The handler
 * that runs is the registered or whiteboard handler of highest ranking; every
 * {@link JobInterceptor} sees the run first.
 * <p>
 * Ranking: a whiteboard handler ranks by its {@code service.ranking}, a handler passed to
 * {@link #register} ranks 0. On equal ranking whiteboard handlers come first, oldest (lowest
 * service ID) first, then registered ones in the order they were registered.
 */
@ProviderType
public interface Engine {

    /**
     * Registers a handler until the returned registration is closed.
     *
     * @throws IllegalArgumentException when a handler registered for the same job name declares
     *                                  other input or output types
     */
    <I, O> Registration register(JobType<I, O> type, JobHandler<I, O> handler);

    /** Runs a job that neither streams nor needs cancelling. */
    default <I, O> O run(JobType<I, O> type, I input) {
        return run(type, input, JobIO.none());
    }

    /**
     * Runs a job on the caller's thread with the caller's streams.
     *
     * @param input an instance of the type's input class, or null
     * @throws JobError for every failure: a handler's typed error as thrown, anything else as a
     *                  {@link SystemError}; {@link UnavailableError} when no handler is registered;
     *                  {@link CancelledError} when the cancellation fired before the job started
     * @throws IllegalArgumentException when the input is not an instance of the declared input
     *                                  class (a programming error, not a client's)
     */
    <I, O> O run(JobType<I, O> type, I input, JobIO io);

    /** True when a handler for this job type is registered now. */
    boolean handles(JobType<?, ?> type);

    /** The names of the jobs that have a handler now. */
    Set<String> jobs();

    /** Every job that has a handler now, by name: the handler that serves it and those it shadows. */
    List<JobInfo> handlers();

    /** The bus behind {@code /events}. */
    EventBus events();

    /** A handle that withdraws what it registered. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
