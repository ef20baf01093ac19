package example.metrics.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Job;
import wharf.engine.api.JobError;
import wharf.engine.api.JobInterceptor;

/**
 * Counts and times every job the engine runs, as a job interceptor: each run, how long it took,
 * and, when it failed, the kind of error (a typed {@link JobError}'s kind, {@code system} for
 * anything else).
 */
@Component
public final class JobMetrics implements JobInterceptor {
    private final MetricsRegistry registry;

    @Activate
    public JobMetrics(@Reference MetricsRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object intercept(Job<?> job, Proceed next) throws Exception {
        long start = System.nanoTime();
        String error = null;
        try {
            return next.proceed();
        } catch (JobError e) {
            error = MetricsRegistry.kind(e.kind());
            throw e;
        } catch (Exception | LinkageError e) {
            error = MetricsRegistry.kind(JobError.Kind.SYSTEM);
            throw e;
        } finally {
            registry.job(job.type().name(), System.nanoTime() - start, error);
        }
    }
}
