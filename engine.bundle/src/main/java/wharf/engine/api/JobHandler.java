package wharf.engine.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Handles one job type. Registered through {@link Engine#register} or as a whiteboard service
 * carrying {@link #JOB} (the job's name), so it comes and goes with the bundle that provides it.
 * Among several handlers for one job the one with the highest service ranking runs.
 */
@ConsumerType
@FunctionalInterface
public interface JobHandler<I, O> {
    /** Service property naming the job a whiteboard handler serves. */
    String JOB = "wharf.job";

    /**
     * Runs the job. Throw a {@link JobError} subtype for an outcome the client should see
     * with a specific status; anything else is a system error.
     */
    O handle(Job<I> job) throws Exception;
}
