package example.metrics.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;

/** Handles {@link MetricsJobs#SCRAPE}, as a whiteboard handler that comes and goes with the bundle. */
@Component(property = JobHandler.JOB + "=metrics")
public final class ScrapeJob implements JobHandler<Void, String> {
    private final MetricsRegistry registry;

    @Activate
    public ScrapeJob(@Reference MetricsRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String handle(Job<Void> job) {
        return registry.scrape();
    }
}
