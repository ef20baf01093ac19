package wharf.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import wharf.runtime.api.ResourceUsage;
import wharf.runtime.api.ResourceUsage.IoCount;

/** Reading cgroup v1 and v2 files laid out as runc makes them, in a temp dir standing for /sys/fs/cgroup and /proc. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CgroupStatsTest {
    private static final String ID = "c0ffee";
    /** 4 GiB of host memory. */
    private static final String MEMINFO = "MemTotal:        4194304 kB\nMemFree:         1000 kB\n";
    /** 100+0+50+1000+10+0+5 ticks = 1165 ticks on 2 CPUs. */
    private static final String STAT = "cpu  100 0 50 1000 10 0 5 7 0 0\ncpu0 50 0 25 500 5 0 2 3 0 0\n"
            + "cpu1 50 0 25 500 5 0 3 4 0 0\nintr 1 2 3\n";

    @TempDir
    Path tmp;

    @Test
    void readsCgroupV1() throws IOException {
        Path root = tmp.resolve("cgroup");
        write(root, "cpuacct/wharf/" + ID + "/cpuacct.usage", "30063868\n");
        write(root, "cpuacct/wharf/" + ID + "/cpuacct.usage_percpu", "10204503 19859365 \n");
        write(root, "cpuacct/wharf/" + ID + "/cpuacct.stat", "user 2\nsystem 1\n");
        write(root, "cpu/wharf/" + ID + "/cpu.stat", "nr_periods 7\nnr_throttled 3\nthrottled_time 900\n");
        write(root, "memory/wharf/" + ID + "/memory.usage_in_bytes", "471040\n");
        write(root, "memory/wharf/" + ID + "/memory.max_usage_in_bytes", "4603904\n");
        write(root, "memory/wharf/" + ID + "/memory.limit_in_bytes", "9223372036854771712\n");
        write(root, "memory/wharf/" + ID + "/memory.stat", "cache 8192\nrss 57344\n");
        write(root, "pids/wharf/" + ID + "/pids.current", "2\n");
        write(root, "pids/wharf/" + ID + "/pids.max", "max\n");
        write(root, "blkio/wharf/" + ID + "/blkio.io_service_bytes_recursive", "Total 0\n");
        write(root, "blkio/wharf/" + ID + "/blkio.throttle.io_service_bytes_recursive",
                "8:0 Read 4096\n8:0 Write 8192\nTotal 12288\n");

        ResourceUsage usage = stats(root).read(ID).orElseThrow();

        assertEquals(30063868, usage.cpuTotal());
        assertEquals(List.of(10204503L, 19859365L), usage.cpuPerCpu());
        assertEquals(20_000_000, usage.cpuUser(), "ticks of 10 ms");
        assertEquals(10_000_000, usage.cpuKernel());
        assertEquals(7, usage.throttlePeriods());
        assertEquals(3, usage.throttledPeriods());
        assertEquals(900, usage.throttledTime());
        assertEquals(1165 * 10_000_000L, usage.systemCpu());
        assertEquals(2, usage.onlineCpus());
        assertEquals(471040, usage.memoryUsage());
        assertEquals(4603904, usage.memoryMaxUsage());
        assertEquals(4L << 30, usage.memoryLimit(), "no limit: the host's memory");
        assertEquals(Map.of("cache", 8192L, "rss", 57344L), usage.memoryStat());
        assertEquals(2, usage.pids());
        assertEquals(0, usage.pidsLimit());
        assertEquals(List.of(new IoCount(8, 0, "Read", 4096), new IoCount(8, 0, "Write", 8192)),
                usage.ioServiceBytes(), "CFQ counted nothing: the throttle layer's counts");
        assertTrue(usage.ioServiced().isEmpty());
    }

    @Test
    void readsCgroupV2() throws IOException {
        Path root = tmp.resolve("cgroup");
        write(root, "cgroup.controllers", "cpu io memory pids\n");
        String dir = "wharf/" + ID + "/";
        write(root, dir + "cpu.stat", "usage_usec 3000\nuser_usec 2000\nsystem_usec 1000\nnr_periods 4\n"
                + "nr_throttled 1\nthrottled_usec 5\n");
        write(root, dir + "memory.current", "1048576\n");
        write(root, dir + "memory.max", "67108864\n");
        write(root, dir + "memory.stat", "anon 4096\nfile 8192\n");
        write(root, dir + "pids.current", "3\n");
        write(root, dir + "pids.max", "100\n");
        write(root, dir + "io.stat", "8:0 rbytes=512 wbytes=1024 rios=1 wios=2 dbytes=0 dios=0\n");

        ResourceUsage usage = stats(root).read(ID).orElseThrow();

        assertEquals(3_000_000, usage.cpuTotal());
        assertTrue(usage.cpuPerCpu().isEmpty());
        assertEquals(2_000_000, usage.cpuUser());
        assertEquals(1_000_000, usage.cpuKernel());
        assertEquals(5_000, usage.throttledTime());
        assertEquals(1048576, usage.memoryUsage());
        assertEquals(0, usage.memoryMaxUsage());
        assertEquals(67108864, usage.memoryLimit(), "a limit below the host's memory stays");
        assertEquals(Map.of("anon", 4096L, "file", 8192L), usage.memoryStat());
        assertEquals(3, usage.pids());
        assertEquals(100, usage.pidsLimit());
        assertEquals(List.of(new IoCount(8, 0, "Read", 512), new IoCount(8, 0, "Write", 1024)),
                usage.ioServiceBytes());
        assertEquals(List.of(new IoCount(8, 0, "Read", 1), new IoCount(8, 0, "Write", 2)), usage.ioServiced());
    }

    @Test
    void noCgroupIsNoUsage() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("cgroup/memory/wharf"));
        assertTrue(stats(root.getParent().getParent()).read(ID).isEmpty());
        write(root.getParent().getParent(), "cgroup.controllers", "memory\n");
        assertTrue(stats(root.getParent().getParent()).read(ID).isEmpty(), "v2");
    }

    private CgroupStats stats(Path root) throws IOException {
        write(tmp, "proc/meminfo", MEMINFO);
        write(tmp, "proc/stat", STAT);
        return new CgroupStats(root, tmp.resolve("proc"), "wharf");
    }

    private static void write(Path root, String file, String content) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }
}
