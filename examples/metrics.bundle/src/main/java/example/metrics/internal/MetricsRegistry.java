package example.metrics.internal;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Component;

/**
 * The figures the bundle collects, and their exposition: API requests by route (method and path
 * template) with a count per status and a latency histogram, jobs by name with runs, durations and
 * errors by kind, and the JVM's heap, threads, garbage collection and classes, read when scraped.
 */
@Component(service = MetricsRegistry.class)
public final class MetricsRegistry {
    /** The route label of a request no route matched; templates start with "/", so it stands apart. */
    static final String UNMATCHED = "unmatched";
    private static final double NANOS_PER_SECOND = 1e9;

    record RouteKey(String method, String route) {
    }

    private static final class RouteFigures {
        final Map<Integer, LongAdder> byStatus = new ConcurrentSkipListMap<>();
        final Histogram latency = new Histogram(Histogram.SECONDS);
    }

    private static final class JobFigures {
        final LongAdder runs = new LongAdder();
        final Histogram duration = new Histogram(Histogram.SECONDS);
        final Map<String, LongAdder> errors = new ConcurrentSkipListMap<>();
    }

    private final Map<RouteKey, RouteFigures> routes = new ConcurrentHashMap<>();
    private final Map<String, JobFigures> jobs = new ConcurrentHashMap<>();

    /** A request answered: its route ({@link #UNMATCHED} when none), its status, and how long it took. */
    void request(String method, String route, int status, long nanos) {
        RouteFigures f = routes.computeIfAbsent(new RouteKey(method, route), k -> new RouteFigures());
        f.byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        f.latency.observe(nanos / NANOS_PER_SECOND);
    }

    /** A job run, with its error kind ({@code not_found}, {@code system}, …) or null when it succeeded. */
    void job(String name, long nanos, String errorKind) {
        JobFigures f = jobs.computeIfAbsent(name, k -> new JobFigures());
        f.runs.increment();
        f.duration.observe(nanos / NANOS_PER_SECOND);
        if (errorKind != null) {
            f.errors.computeIfAbsent(errorKind, k -> new LongAdder()).increment();
        }
    }

    /** Every figure in Prometheus's text format, families and series in a stable order. */
    String scrape() {
        Exposition out = new Exposition();
        writeRoutes(out);
        writeJobs(out);
        writeJvm(out);
        return out.toString();
    }

    private void writeRoutes(Exposition out) {
        Map<RouteKey, RouteFigures> sorted = new ConcurrentSkipListMap<>(
                Comparator.comparing(RouteKey::route).thenComparing(RouteKey::method));
        sorted.putAll(routes);
        out.family("wharf_api_requests_total", "counter",
                "API requests answered, by route (method and path template) and status.");
        sorted.forEach((k, f) -> f.byStatus.forEach((status, n) -> out.sample("wharf_api_requests_total", n.sum(),
                "method", k.method(), "route", k.route(), "status", Integer.toString(status))));
        out.family("wharf_api_request_duration_seconds", "histogram",
                "Time from a request's arrival to the end of its answer (a stream's: when it ends), by route.");
        sorted.forEach((k, f) -> f.latency.write(out, "wharf_api_request_duration_seconds",
                "method", k.method(), "route", k.route()));
    }

    private void writeJobs(Exposition out) {
        Map<String, JobFigures> sorted = new ConcurrentSkipListMap<>(jobs);
        out.family("wharf_jobs_total", "counter", "Jobs run by the engine, by job name.");
        sorted.forEach((job, f) -> out.sample("wharf_jobs_total", f.runs.sum(), "job", job));
        out.family("wharf_job_duration_seconds", "histogram", "How long jobs ran, by job name.");
        sorted.forEach((job, f) -> f.duration.write(out, "wharf_job_duration_seconds", "job", job));
        out.family("wharf_job_errors_total", "counter",
                "Jobs that failed, by job name and error kind (not_found, conflict, invalid_parameter, …; system"
                        + " for an untyped failure).");
        sorted.forEach((job, f) -> f.errors.forEach((kind, n) -> out.sample("wharf_job_errors_total", n.sum(),
                "job", job, "kind", kind)));
    }

    private static void writeJvm(Exposition out) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        out.family("jvm_memory_heap_used_bytes", "gauge", "Heap in use.")
                .sample("jvm_memory_heap_used_bytes", heap.getUsed());
        out.family("jvm_memory_heap_committed_bytes", "gauge", "Heap the JVM holds from the system.")
                .sample("jvm_memory_heap_committed_bytes", heap.getCommitted());
        out.family("jvm_memory_heap_max_bytes", "gauge", "The most heap the JVM may take; -1 when unbounded.")
                .sample("jvm_memory_heap_max_bytes", heap.getMax());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        out.family("jvm_threads_live", "gauge", "Live threads.").sample("jvm_threads_live", threads.getThreadCount());
        out.family("jvm_threads_daemon", "gauge", "Live daemon threads.")
                .sample("jvm_threads_daemon", threads.getDaemonThreadCount());
        out.family("jvm_threads_peak", "gauge", "The most live threads since the JVM started.")
                .sample("jvm_threads_peak", threads.getPeakThreadCount());
        out.family("jvm_gc_collections_total", "counter", "Garbage collections, by collector.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.sample("jvm_gc_collections_total", Math.max(0, gc.getCollectionCount()), "gc", gc.getName());
        }
        out.family("jvm_gc_collection_seconds_total", "counter", "Time spent in garbage collection, by collector.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.sample("jvm_gc_collection_seconds_total", Math.max(0, gc.getCollectionTime()) / 1000.0, "gc", gc.getName());
        }
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        out.family("jvm_classes_loaded", "gauge", "Classes loaded now; it keeps growing when updated bundles leak.")
                .sample("jvm_classes_loaded", classes.getLoadedClassCount());
        out.family("jvm_classes_unloaded_total", "counter", "Classes unloaded since the JVM started.")
                .sample("jvm_classes_unloaded_total", classes.getUnloadedClassCount());
        out.family("jvm_uptime_seconds", "gauge", "Time since the JVM started.")
                .sample("jvm_uptime_seconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
    }

    /** An error kind as a label value: {@code NOT_FOUND} becomes {@code not_found}. */
    static String kind(Enum<?> kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
