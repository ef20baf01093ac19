package wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wharf.launcher.DockerCli.Result;

/**
 * Export, diff, top and stats end to end: bin/wharf runs busybox containers and the docker CLI
 * reads them. One daemon serves the class; every test names its containers after itself and
 * removes them. With {@code -Dwharf.e2e.socket=/path/docker.sock} the same tests run against a
 * daemon already listening there (dockerd, to check that each assertion is what dockerd does).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InspectionE2EIT {
    private static final String IMAGE = "inspection-e2e:1";
    /** A size the CLI prints ({@code 500KiB}, {@code 1.2MiB}). */
    private static final Pattern MEMORY = Pattern.compile("([0-9.]+)([KMGT]?i?B)");

    private static E2eDaemon daemon;
    private static Path tmp;
    private static Path socket;
    private static DockerCli docker;

    @BeforeAll
    static void start() throws Exception {
        daemon = E2eDaemon.startOrExternal("inspection");
        daemon.importBusybox(IMAGE);
        tmp = daemon.tmp();
        socket = daemon.socket();
        docker = daemon.docker();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void diffShowsAddedChangedAndDeletedFiles() throws Exception {
        String name = "diff-e2e";
        try {
            docker.ok("create", "--name", name, IMAGE, "sleep", "1000");
            assertEquals("", docker.ok("diff", name), "a container that changed nothing has no changes");
            docker.ok("start", name);
            docker.ok("exec", name, "sh", "-c", "echo new > /newfile && echo more >> /notexec && rm /bin/yes "
                    + "&& mkdir -p /tmp/dir && echo deep > /tmp/dir/file");

            List<String> changes = docker.ok("diff", name).lines().sorted().toList();

            assertEquals(List.of("A /newfile", "A /tmp/dir", "A /tmp/dir/file", "C /bin", "C /notexec", "C /tmp",
                    "D /bin/yes"), changes);
        } finally {
            docker.run("rm", "-f", name);
        }
    }

    @Test
    void exportHoldsAFileWrittenInTheContainer() throws Exception {
        String name = "export-e2e";
        try {
            docker.ok("run", "--name", name, IMAGE, "sh", "-c",
                    "echo exported > /tmp/written && ln -s /etc/passwd /tmp/link && chown 1000:1000 /tmp/written");
            Path tar = tmp.resolve("export.tar");
            docker.ok("export", "-o", tar.toString(), name);

            // GNU tar's listing: mode, uid/gid, size, date, time, name [-> target]
            Result listing = DockerCli.run(new ProcessBuilder("tar", "--numeric-owner", "-tvf", tar.toString()));
            assertEquals(0, listing.exit(), listing.output());
            Map<String, String> entries = new LinkedHashMap<>();
            for (String line : listing.output().lines().toList()) {
                String[] f = line.split("\\s+", 6);
                entries.put(f[5].replaceAll(" -> .*", ""), line);
            }
            Result written = DockerCli.run(new ProcessBuilder("tar", "-xOf", tar.toString(), "tmp/written"));
            assertEquals("exported\n", written.output());
            assertTrue(entries.get("tmp/written").matches("-rw-r--r-- 1000/1000 .*"), entries.get("tmp/written"));
            assertTrue(entries.get("tmp/link").matches("l.* tmp/link -> /etc/passwd"), entries.get("tmp/link"));
            assertTrue(entries.get("bin/busybox").startsWith("-rwx"), entries.get("bin/busybox"));
            assertTrue(entries.get("bin/sh").matches("l.* bin/sh -> busybox"), entries.get("bin/sh"));
            assertTrue(entries.get("proc/").startsWith("d"), "mount points are empty directories");
            assertTrue(entries.keySet().stream().noneMatch(n -> n.startsWith("proc/") && !n.equals("proc/")),
                    "nothing of /proc is exported: " + entries.keySet());
        } finally {
            docker.run("rm", "-f", name);
        }
    }

    @Test
    void topListsTheRunningProcess() throws Exception {
        String name = "top-e2e";
        try {
            docker.ok("run", "-d", "--name", name, IMAGE, "sleep", "1001");
            List<String> rows = docker.ok("top", name).lines().toList();
            assertTrue(rows.get(0).matches("UID\\s+PID\\s+PPID\\s+C\\s+STIME\\s+TTY\\s+TIME\\s+CMD"), rows.get(0));
            assertEquals(2, rows.size(), rows::toString);
            assertTrue(rows.get(1).endsWith("sleep 1001"), rows.get(1));

            List<String> chosen = docker.ok("top", name, "-o", "pid,comm").lines().toList();
            assertTrue(chosen.get(0).matches("PID\\s+COMMAND"), chosen.get(0));
            assertTrue(chosen.get(1).matches("\\d+\\s+sleep"), chosen.get(1));

            Result noPid = docker.run("top", name, "-o", "comm");
            assertEquals(1, noPid.exit(), noPid.output());
            assertTrue(noPid.output().contains("Couldn't find PID field in ps output"), noPid.output());

            docker.ok("kill", name);
            Result stopped = docker.run("top", name);
            assertEquals(1, stopped.exit(), stopped.output());
            assertTrue(stopped.output().matches("(?s).*Container [0-9a-f]{64} is not running.*"), stopped.output());
        } finally {
            docker.run("rm", "-f", name);
        }
    }

    @Test
    void statsShowMemoryOfARunningContainer() throws Exception {
        String name = "stats-e2e";
        try {
            // a shell holding a few hundred KiB of its own, so the cgroup surely counts memory
            docker.ok("run", "-d", "--name", name, IMAGE, "sh", "-c", "x=$(seq 1 20000); sleep 1000");
            String usage = docker.ok("stats", "--no-stream", "--format", "{{.MemUsage}}", name);
            Matcher used = MEMORY.matcher(usage);
            assertTrue(used.find(), usage);
            assertTrue(Double.parseDouble(used.group(1)) > 0, "no memory counted: " + usage);
            assertTrue(used.find(), "no limit: " + usage);
            assertTrue(Double.parseDouble(used.group(1)) > 0, usage);
            assertEquals("1", docker.ok("stats", "--no-stream", "--format", "{{.PIDs}}", name).trim());

            docker.ok("kill", name);
            assertEquals("0B / 0B", docker.ok("stats", "--no-stream", "--format", "{{.MemUsage}}", name),
                    "a stopped container's sample is zero");
        } finally {
            docker.run("rm", "-f", name);
        }
    }

    @Test
    void statsStreamASampleASecond() throws Exception {
        String name = "stats-stream-e2e";
        try {
            docker.ok("run", "-d", "--name", name, IMAGE, "sleep", "1000");
            Process curl = new ProcessBuilder("curl", "-sN", "--max-time", "3", "--unix-socket", socket.toString(),
                    "http://localhost/containers/" + name + "/stats").start();
            List<String> lines = new ArrayList<>();
            try (InputStream out = curl.getInputStream()) {
                new String(out.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(lines::add);
            } finally {
                curl.waitFor(10, TimeUnit.SECONDS);
            }
            assertTrue(lines.size() >= 2 && lines.size() <= 4, "samples in 3 s: " + lines);
            assertTrue(lines.get(0).contains("\"preread\":\"0001-01-01T00:00:00Z\""), lines.get(0));
            assertTrue(lines.get(1).contains("\"name\":\"/" + name + "\""), lines.get(1));
            assertTrue(!lines.get(1).contains("\"preread\":\"0001-01-01T00:00:00Z\""), "the second has a previous");
        } finally {
            docker.run("rm", "-f", name);
        }
    }
}
