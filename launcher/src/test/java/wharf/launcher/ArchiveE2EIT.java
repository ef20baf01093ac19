package wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wharf.launcher.DockerCli.Result;

/**
 * docker cp end to end against bin/wharf: files, directories and tar streams ({@code -}) both ways,
 * into and out of running and stopped containers, dockerd's error for a missing path, and tars
 * that try to write outside the container (a {@code ../} entry, a link planted to a host
 * directory) sent with curl. One daemon serves the class; each test names its containers after
 * itself and removes them.
 *
 * <p>With {@code -Dwharf.e2e.socket=/path/docker.sock} the tests run against a daemon already
 * listening there (dockerd), to check the assertions are what dockerd does.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ArchiveE2EIT {
    private static final String IMAGE = "archive-e2e:1";

    private static E2eDaemon daemon;
    private static Path tmp;
    private static DockerCli dockerCli;

    @BeforeAll
    static void start() throws Exception {
        daemon = E2eDaemon.startOrExternal("archive");
        daemon.importBusybox(IMAGE);
        tmp = daemon.tmp();
        dockerCli = daemon.docker();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void filesDirectoriesAndStreamsBothWaysRunningAndStopped() throws Exception {
        String name = "cp-both-ways-e2e";
        Path work = Files.createDirectories(tmp.resolve(name));
        Path file = Files.writeString(work.resolve("hello.txt"), "hello\n");
        Path dir = Files.createDirectories(work.resolve("tree/sub"));
        Files.writeString(dir.resolve("b.txt"), "b\n");
        Files.writeString(work.resolve("tree/a.txt"), "a\n");
        try {
            ok("run", "-d", "--name", name, IMAGE, "sleep", "300");
            roundTrip(name, work, "running");
            ok("exec", name, "test", "-f", "/tmp/running/hello.txt");
            ok("kill", name);
            roundTrip(name, work, "stopped");
            ok("start", name);
            assertEquals("b", ok("exec", name, "cat", "/tmp/stopped/tree/sub/b.txt"),
                    "what was copied into the stopped container is there once it runs");
        } finally {
            docker("rm", "-f", name);
        }
        assertTrue(Files.isRegularFile(file));
    }

    /** Into {@code /tmp/<into>} and back out: a file, a directory, a tar stream each way. */
    private static void roundTrip(String name, Path work, String into) throws Exception {
        String target = "/tmp/" + into;
        // the target does not exist yet: a directory copied there takes its name
        ok("cp", work.resolve("tree").toString(), name + ":" + target);
        ok("cp", work.resolve("hello.txt").toString(), name + ":" + target + "/hello.txt");
        ok("cp", work.resolve("tree").toString(), name + ":" + target + "/");
        Path out = Files.createDirectories(work.resolve("out-" + into));
        ok("cp", name + ":" + target + "/hello.txt", out.toString());
        assertEquals("hello\n", Files.readString(out.resolve("hello.txt")));
        ok("cp", name + ":" + target + "/tree", out.toString());
        assertEquals("b\n", Files.readString(out.resolve("tree/sub/b.txt")));
        assertEquals("a\n", Files.readString(out.resolve("tree/a.txt")));
        ok("cp", name + ":" + target + "/.", out.resolve("contents").toString());
        assertEquals("a\n", Files.readString(out.resolve("contents/a.txt")), "dir/. copies the contents");

        // a tar stream in (stdin) and out (stdout)
        Path streamDir = Files.createDirectories(work.resolve("stream-" + into));
        Files.writeString(streamDir.resolve("streamed.txt"), "streamed\n");
        Path tarIn = work.resolve("in-" + into + ".tar");
        exec(new ProcessBuilder("tar", "-C", streamDir.toString(), "-cf", tarIn.toString(), "streamed.txt"));
        Result in = dockerCli.run(tarIn, "cp", "-", name + ":" + target);
        assertEquals(0, in.exit(), in.output());
        Path tarOut = work.resolve("out-" + into + ".tar");
        ProcessBuilder cpOut = dockerCli.command("cp", name + ":" + target + "/streamed.txt", "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(tarOut.toFile());
        assertEquals(0, cpOut.start().waitFor(), "docker cp to stdout");
        assertEquals("streamed.txt\n", exec(new ProcessBuilder("tar", "-tf", tarOut.toString())));
        assertEquals("streamed\n", exec(new ProcessBuilder("tar", "-xOf", tarOut.toString())));
    }

    @Test
    void aMissingPathIsDockerdsError() throws Exception {
        String name = "cp-missing-e2e";
        try {
            ok("create", "--name", name, IMAGE, "sleep", "300");
            Result r = docker("cp", name + ":/nonexist", tmp.resolve("never").toString());
            assertEquals(1, r.exit(), r.output());
            assertEquals("Error response from daemon: Could not find the file /nonexist in container " + name,
                    r.output().trim());
            assertFalse(Files.exists(tmp.resolve("never")));
            assertEquals("404", curl("-o", "/dev/null", "-w", "%{http_code}",
                    "http://d/v1.41/containers/" + name + "/archive?path=/nonexist"));
        } finally {
            docker("rm", "-f", name);
        }
    }

    @Test
    void tarsThatClimbOrLinkOutAreRefusedOrStayInside() throws Exception {
        String name = "cp-evil-e2e";
        Path work = Files.createDirectories(tmp.resolve(name));
        Path hostDir = Files.createDirectories(work.resolve("host-dir"));
        Path sentinel = Files.writeString(hostDir.resolve("sentinel"), "host\n");
        Files.writeString(work.resolve("evx"), "evil\n");
        // ../evil-<name>: GNU tar keeps a leading ../ with -P
        Path climbing = work.resolve("climbing.tar");
        exec(new ProcessBuilder("tar", "-C", work.toString(), "-cPf", climbing.toString(),
                "--transform", "s|^evx$|../evil-" + name + "|", "evx"));
        // a link to /tmp (the host's, and the container's), then a file through it
        Path linking = work.resolve("linking.tar");
        Path staging = Files.createDirectories(work.resolve("staging"));
        Files.createSymbolicLink(staging.resolve("l"), Path.of("/tmp"));
        exec(new ProcessBuilder("tar", "-C", staging.toString(), "-cf", linking.toString(), "l"));
        Files.delete(staging.resolve("l"));
        Files.createDirectories(staging.resolve("l"));
        Files.writeString(staging.resolve("l/escaped-" + name), "x\n");
        exec(new ProcessBuilder("tar", "-C", staging.toString(), "-rf", linking.toString(), "l/escaped-" + name));
        try {
            ok("run", "-d", "--name", name, IMAGE, "sleep", "300");
            String climbed = curl("-X", "PUT", "-T", climbing.toString(), "-w", " %{http_code}",
                    "http://d/v1.41/containers/" + name + "/archive?path=/tmp");
            assertTrue(climbed.contains("\\\"../evil-" + name + "\\\" is outside of \\\"/tmp\\\""), climbed);
            assertTrue(climbed.endsWith(daemon.external() ? " 500" : " 400"), climbed);
            assertEquals(List.of(), find("evil-" + name), "the climbing entry was written");
            assertFalse(docker("exec", name, "test", "-e", "/evil-" + name).exit() == 0);

            String linked = curl("-X", "PUT", "-T", linking.toString(), "-w", "%{http_code}",
                    "http://d/v1.41/containers/" + name + "/archive?path=/tmp");
            assertEquals("200", linked);
            assertFalse(Files.exists(Path.of("/tmp/escaped-" + name)), "a file was written in the host's /tmp");
            assertEquals("x", ok("exec", name, "cat", "/tmp/escaped-" + name), "the link resolved inside the container");
            // nothing was written beside a host file either
            assertEquals(List.of("sentinel"), list(hostDir));
            assertEquals("host\n", Files.readString(sentinel));
        } finally {
            docker("rm", "-f", name);
        }
    }

    /**
     * Files of that name anywhere under the test's directory (the daemon's data root, so the
     * container's root and every directory above it up to here), or right in /tmp or /.
     */
    private static List<Path> find(String fileName) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path top : List.of(tmp, Path.of("/tmp"), Path.of("/"))) {
            try (Stream<Path> all = Files.find(top, top.equals(tmp) ? Integer.MAX_VALUE : 1,
                    (p, a) -> p.getFileName() != null && p.getFileName().toString().equals(fileName))) {
                found.addAll(all.toList());
            }
        }
        return found;
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String curl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("curl", "-s", "-m", "30", "--unix-socket", daemon.socket().toString()));
        command.addAll(List.of(args));
        return exec(new ProcessBuilder(command));
    }

    private static String exec(ProcessBuilder pb) throws IOException, InterruptedException {
        Result r = DockerCli.run(pb);
        assertEquals(0, r.exit(), () -> String.join(" ", pb.command()) + ":\n" + r.output());
        return r.output();
    }

    private static Result docker(String... args) throws IOException, InterruptedException {
        return dockerCli.run(args);
    }

    private static String ok(String... args) throws IOException, InterruptedException {
        return dockerCli.ok(args);
    }
}
