package wharf.engine.internal;

import java.util.Locale;
import wharf.engine.api.JobHandler;
import wharf.engine.api.JobType;

/**
 * One handler offered for one job.
 *
 * @param job      the job's name
 * @param rank     its place among the job's handlers
 * @param handler  the handler
 * @param declared the job type it was registered with; null for a whiteboard service, which
 *                 names its job only
 * @param origin   where it comes from, for log messages
 */
record Handler(String job, Rank rank, JobHandler<?, ?> handler, JobType<?, ?> declared, String origin) {

    /** True when both declare the same input and output types, or either declares none. */
    boolean agreesWith(JobType<?, ?> type) {
        return declared == null || type == null
                || (declared.input() == type.input() && declared.output() == type.output());
    }

    @Override
    public String toString() {
        return "handler of job '" + job + "' from " + origin + " (" + rank.source().name().toLowerCase(Locale.ROOT)
                + ", ranking " + rank.ranking() + ")";
    }
}
