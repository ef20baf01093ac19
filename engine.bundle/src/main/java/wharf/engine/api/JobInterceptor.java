package wharf.engine.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sees every job the engine runs, in service-ranking order (highest first), before the handler:
 * audit and policy bundles hook in here. An interceptor may refuse a job by throwing a
 * {@link JobError}, or call {@link Proceed#proceed()} to go on.
 */
@ConsumerType
@FunctionalInterface
public interface JobInterceptor {
    Object intercept(Job<?> job, Proceed next) throws Exception;

    /** The rest of the chain. */
    @FunctionalInterface
    interface Proceed {
        Object proceed() throws Exception;
    }
}
