package wharf.daemon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import wharf.engine.api.container.ContainerStats;
import wharf.runtime.api.ResourceUsage;
import wharf.runtime.api.ResourceUsage.IoCount;

/** Stats in dockerd 20.10's JSON, compared with what it answered for the same situations. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class StatsSampleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "08fd8e5b46e19cecdfe7f76e4808bc974e5a20ce5045ba48968b71bcf0284b5a";

    @Test
    void aStoppedContainerIsDockerdsZeroSample() throws Exception {
        String zeroCpu = "{\"cpu_usage\":{\"total_usage\":0,\"usage_in_kernelmode\":0,\"usage_in_usermode\":0},"
                + "\"throttling_data\":{\"periods\":0,\"throttled_periods\":0,\"throttled_time\":0}}";
        assertEquals("{\"read\":\"0001-01-01T00:00:00Z\",\"preread\":\"0001-01-01T00:00:00Z\",\"pids_stats\":{},"
                + "\"blkio_stats\":{\"io_service_bytes_recursive\":null,\"io_serviced_recursive\":null,"
                + "\"io_queue_recursive\":null,\"io_service_time_recursive\":null,\"io_wait_time_recursive\":null,"
                + "\"io_merged_recursive\":null,\"io_time_recursive\":null,\"sectors_recursive\":null},"
                + "\"num_procs\":0,\"storage_stats\":{},\"cpu_stats\":" + zeroCpu + ",\"precpu_stats\":" + zeroCpu
                + ",\"memory_stats\":{},\"name\":\"/ro\",\"id\":\"" + ID + "\"}",
                JSON.writeValueAsString(ContainerStats.stopped("/ro", ID)));
    }

    @Test
    void aRunningSampleCarriesThePreviousOne() throws Exception {
        StatsSample first = new StatsSample(Instant.parse("2026-11-27T17:53:59.783736445Z"), usage(20_000_000));
        StatsSample second = new StatsSample(Instant.parse("2026-11-27T17:54:00.78812965Z"), usage(30_063_868));

        JsonNode stats = JSON.readTree(JSON.writeValueAsString(second.toStats(first, "b5top", ID)));

        assertEquals("2026-11-27T17:54:00.78812965Z", stats.path("read").asText());
        assertEquals("2026-11-27T17:53:59.783736445Z", stats.path("preread").asText());
        assertEquals("{\"current\":1}", stats.path("pids_stats").toString(), "no limit: left out");
        assertEquals("[{\"major\":8,\"minor\":0,\"op\":\"Read\",\"value\":4096}]",
                stats.path("blkio_stats").path("io_service_bytes_recursive").toString());
        assertEquals("[]", stats.path("blkio_stats").path("sectors_recursive").toString());
        assertEquals("{\"cpu_usage\":{\"total_usage\":30063868,\"percpu_usage\":[10204503,19859365],"
                + "\"usage_in_kernelmode\":10000000,\"usage_in_usermode\":10000000},\"system_cpu_usage\":22078370000000,"
                + "\"online_cpus\":2,\"throttling_data\":{\"periods\":0,\"throttled_periods\":0,\"throttled_time\":0}}",
                stats.path("cpu_stats").toString());
        assertEquals(20_000_000, stats.path("precpu_stats").path("cpu_usage").path("total_usage").asLong());
        assertEquals("{\"usage\":471040,\"max_usage\":4603904,\"stats\":{\"cache\":8192},\"limit\":25276510208}",
                stats.path("memory_stats").toString());
        assertEquals("/b5top", stats.path("name").asText());
        assertEquals(ID, stats.path("id").asText());
    }

    @Test
    void theFirstSampleOfAStreamHasZeroPrevious() throws Exception {
        StatsSample only = new StatsSample(Instant.parse("2026-11-27T17:54:01.792422926Z"), usage(30_063_868));
        JsonNode stats = JSON.readTree(JSON.writeValueAsString(only.toStats(null, "b5top", ID)));
        assertEquals("0001-01-01T00:00:00Z", stats.path("preread").asText());
        assertEquals("{\"cpu_usage\":{\"total_usage\":0,\"usage_in_kernelmode\":0,\"usage_in_usermode\":0},"
                + "\"throttling_data\":{\"periods\":0,\"throttled_periods\":0,\"throttled_time\":0}}",
                stats.path("precpu_stats").toString());
    }

    private static ResourceUsage usage(long cpuTotal) {
        return new ResourceUsage(cpuTotal, List.of(10204503L, 19859365L), 10_000_000, 10_000_000, 0, 0, 0,
                22078370000000L, 2, 471040, 4603904, 25276510208L, Map.of("cache", 8192L), 1, 0,
                List.of(new IoCount(8, 0, "Read", 4096)), List.of());
    }
}
