package wharf.testing.engine;

import wharf.engine.api.Job;
import wharf.engine.api.JobIO;
import wharf.engine.api.JobType;

/** Jobs as the engine hands them to a handler, for tests that call a handler directly. */
public final class Jobs {
    private Jobs() {
    }

    /** A job of that type and input with the given streams and cancellation. */
    public static <I, O> Job<I> of(JobType<I, O> type, I input, JobIO io) {
        return new Job<>() {
            @Override
            public JobType<I, ?> type() {
                return type;
            }

            @Override
            public I input() {
                return input;
            }

            @Override
            public JobIO io() {
                return io;
            }
        };
    }

    /** A job with no streams. */
    public static <I, O> Job<I> of(JobType<I, O> type, I input) {
        return of(type, input, JobIO.none());
    }
}
