package wharf.engine.internal;

import wharf.engine.api.Job;
import wharf.engine.api.JobIO;
import wharf.engine.api.JobType;

/** One run of a job, as its interceptors and handler see it. */
record RunningJob<I>(JobType<I, ?> type, I input, JobIO io) implements Job<I> {
}
