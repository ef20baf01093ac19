package example.metrics.internal;

import wharf.engine.api.JobType;

/** The bundle's one job: the figures in Prometheus's text format. */
final class MetricsJobs {
    static final JobType<Void, String> SCRAPE = JobType.of("metrics", Void.class, String.class);

    private MetricsJobs() {
    }
}
