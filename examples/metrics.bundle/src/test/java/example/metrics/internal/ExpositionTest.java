package example.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import wharf.engine.api.Job;
import wharf.engine.api.JobIO;
import wharf.engine.api.JobType;
import wharf.engine.api.NotFoundError;

/** The text format, line by line: escaping, numbers, histogram shape, and a whole scrape against the grammar. */
class ExpositionTest {
    /** A sample line of the 0.0.4 text format: name, optional labels with escaped values, a Go float. */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*\\})? "
                    + "(NaN|[+-]Inf|-?[0-9]+(?:\\.[0-9]+)?(?:E-?[0-9]+)?)");
    private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (?:[^\\\\\\n]|\\\\[\\\\n])*");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)");

    @Test
    void labelValuesAndHelpAreEscapedAsTheFormatSays() {
        String text = new Exposition().family("x_total", "counter", "a \\ back\nslash")
                .sample("x_total", 3, "route", "/a\"b\\c\nd").toString();
        assertEquals("# HELP x_total a \\\\ back\\nslash\n# TYPE x_total counter\nx_total{route=\"/a\\\"b\\\\c\\nd\"} 3\n",
                text);
    }

    @Test
    void numbersAreGoFloats() {
        assertEquals("3", Exposition.number(3));
        assertEquals("0.005", Exposition.number(0.005));
        assertEquals("2.5", Exposition.number(2.5));
        assertEquals("+Inf", Exposition.number(Double.POSITIVE_INFINITY));
        assertEquals("NaN", Exposition.number(Double.NaN));
        assertEquals("-1", Exposition.number(-1));
    }

    @Test
    void badNamesAreRefusedRatherThanWritten() {
        assertThrows(IllegalArgumentException.class, () -> new Exposition().sample("a-b", 1));
        assertThrows(IllegalArgumentException.class, () -> new Exposition().sample("ok", 1, "le-x", "1"));
    }

    @Test
    void aHistogramsBucketsAreCumulativeAndInfEqualsTheCount() {
        Histogram h = new Histogram(new double[] {0.1, 1});
        h.observe(0.05);
        h.observe(0.1);
        h.observe(0.5);
        h.observe(30);
        Exposition out = new Exposition().family("d_seconds", "histogram", "d");
        h.write(out, "d_seconds", "job", "pull");
        assertEquals("""
                # HELP d_seconds d
                # TYPE d_seconds histogram
                d_seconds_bucket{job="pull",le="0.1"} 2
                d_seconds_bucket{job="pull",le="1"} 3
                d_seconds_bucket{job="pull",le="+Inf"} 4
                d_seconds_sum{job="pull"} 30.65
                d_seconds_count{job="pull"} 4
                """, out.toString());
    }

    @Test
    void aWholeScrapeFollowsTheGrammarWithEachFamilyAnnouncedOnceBeforeItsSamples() throws Exception {
        MetricsRegistry registry = new MetricsRegistry();
        registry.request("GET", "/_ping", 200, 1_000_000);
        registry.request("GET", "/_ping", 200, 3_000_000);
        registry.request("GET", "/containers/{name}/json", 404, 2_000_000);
        registry.request("GET", MetricsRegistry.UNMATCHED, 404, 100_000);
        JobMetrics jobs = new JobMetrics(registry);
        jobs.intercept(job("pull"), () -> "done");
        assertThrows(NotFoundError.class, () -> jobs.intercept(job("pull"), () -> {
            throw new NotFoundError("No such image: x");
        }));
        assertThrows(IllegalStateException.class, () -> jobs.intercept(job("tag"), () -> {
            throw new IllegalStateException("broken");
        }));
        String text = registry.scrape();

        Set<String> announced = new HashSet<>();
        Set<String> typed = new HashSet<>();
        List<String> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher help = HELP.matcher(line);
            Matcher type = TYPE.matcher(line);
            Matcher sample = SAMPLE.matcher(line);
            if (help.matches()) {
                assertTrue(announced.add(help.group(1)), "HELP twice: " + line);
            } else if (type.matches()) {
                assertTrue(announced.contains(type.group(1)) && typed.add(type.group(1)), "TYPE out of place: " + line);
            } else {
                assertTrue(sample.matches(), "not a sample line: " + line);
                String family = sample.group(1).replaceFirst("_(bucket|sum|count)$", "");
                assertTrue(typed.contains(family) || typed.contains(sample.group(1)), "sample before its TYPE: " + line);
                samples.add(line);
            }
        }
        assertTrue(samples.contains("wharf_api_requests_total{method=\"GET\",route=\"/_ping\",status=\"200\"} 2"), text);
        assertTrue(samples.contains(
                "wharf_api_requests_total{method=\"GET\",route=\"/containers/{name}/json\",status=\"404\"} 1"), text);
        assertTrue(samples.contains(
                "wharf_api_request_duration_seconds_bucket{method=\"GET\",route=\"/_ping\",le=\"0.005\"} 2"), text);
        assertTrue(samples.contains("wharf_api_request_duration_seconds_count{method=\"GET\",route=\"/_ping\"} 2"), text);
        assertTrue(samples.contains("wharf_jobs_total{job=\"pull\"} 2"), text);
        assertTrue(samples.contains("wharf_job_errors_total{job=\"pull\",kind=\"not_found\"} 1"), text);
        assertTrue(samples.contains("wharf_job_errors_total{job=\"tag\",kind=\"system\"} 1"), text);
        assertTrue(samples.stream().anyMatch(s -> s.startsWith("jvm_memory_heap_used_bytes ")), text);
        assertTrue(samples.stream().anyMatch(s -> s.startsWith("jvm_gc_collections_total{gc=")), text);
        assertTrue(samples.stream().anyMatch(s -> s.startsWith("jvm_threads_live ")), text);
    }

    private static Job<Object> job(String name) {
        JobType<Object, Object> type = JobType.of(name, Object.class, Object.class);
        return new Job<>() {
            @Override
            public JobType<Object, ?> type() {
                return type;
            }

            @Override
            public Object input() {
                return null;
            }

            @Override
            public JobIO io() {
                return JobIO.none();
            }
        };
    }
}
