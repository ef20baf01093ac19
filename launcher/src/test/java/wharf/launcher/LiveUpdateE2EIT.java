package wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wharf.launcher.DockerCli.Result;

/**
 * The plugin host's promises where containers are concerned, on a copy of the distribution with
 * its own deploy/: updating the bundles that serve container routes, events and the container
 * store ends the streams they serve (the docker CLI sees the end and exits) and leaves running
 * containers running; the example authorization policy dropped into deploy/ refuses privileged
 * containers and binds of / until its jar is removed.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LiveUpdateE2EIT {
    private static final Path DIST = Path.of(System.getProperty("wharf.dist", "target/wharf"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE = "live-e2e:1";
    private static final long STREAM_END_SECONDS = 10;
    private static Path tmp;
    private static Path home;
    private static Path socket;
    private static WharfProcess daemon;
    private static DockerCli docker;

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("wharf-live");
        home = tmp.resolve("wharf");
        copyTree(DIST, home);
        socket = tmp.resolve("w.sock");
        docker = new DockerCli(socket, tmp.resolve("docker-config"));
        daemon = WharfProcess.start(home.resolve("bin/wharf"), socket, tmp.resolve("daemon.log"),
                "--data-root", tmp.resolve("data").toString());
        BusyboxImage.importAs(docker, tmp.resolve("rootfs"), IMAGE);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (daemon != null) {
                docker.run("rm", "-f", "ticker");
                daemon.stop();
            }
        } finally {
            if (tmp != null) {
                try (Stream<Path> all = Files.walk(tmp)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    @Test
    void updatingTheBundlesEndsTheirStreamsAndLeavesTheContainerRunning() throws Exception {
        docker.ok("run", "-d", "--name", "ticker", IMAGE, "sh", "-c", "while true; do echo tick; sleep 0.2; done");
        long pid = state("ticker").path("Pid").asLong();
        Client logs = Client.of("logs", "logs", "-f", "ticker");
        Client attach = Client.of("attach", "attach", "ticker");
        Client events = Client.of("events", "events", "--filter", "type=container");
        logs.awaitOutput("tick");
        attach.awaitOutput("tick");

        update("routes.containers.bundle");
        logs.awaitEnd();
        attach.awaitEnd();
        update("routes.system.bundle");
        events.awaitEnd();

        JsonNode running = state("ticker");
        assertTrue(running.path("Running").asBoolean(), running::toString);
        assertEquals(pid, running.path("Pid").asLong(), "the same process runs");
        String before = docker.ok("logs", "ticker");
        Thread.sleep(500);
        assertTrue(docker.ok("logs", "ticker").length() > before.length(), "the container goes on writing");

        update("daemon.bundle");
        JsonNode restored = state("ticker");
        assertTrue(restored.path("Running").asBoolean(), restored::toString);
        assertEquals(pid, restored.path("Pid").asLong(), "the new store found the same process");
        docker.ok("stop", "-t", "1", "ticker");
        assertEquals(137, state("ticker").path("ExitCode").asInt(), "sh ignores SIGTERM as pid 1: SIGKILL ended it");
        docker.ok("rm", "ticker");
    }

    /**
     * The example policy (examples/authz.bundle) refuses {@code docker run --privileged} and a bind
     * of {@code /} with dockerd's authorization message while its jar is in deploy/; without it the
     * same runs go through and the privileged container has every capability of the daemon.
     */
    @Test
    void thePolicyInDeployRefusesPrivilegedRunsUntilItsJarIsRemoved() throws Exception {
        Path deployed = home.resolve("deploy").resolve("example-authz.jar");
        Path staged = Files.copy(Path.of(System.getProperty("example.authz.jar")), tmp.resolve("example-authz.jar"));
        Files.move(staged, deployed, StandardCopyOption.ATOMIC_MOVE);
        awaitTrue("the policy to refuse", () -> docker.run("run", "--rm", "--privileged", IMAGE, "true").exit() != 0);
        Result privileged = docker.run("run", "--rm", "--privileged", IMAGE, "true");
        assertEquals(125, privileged.exit(), privileged.output());
        assertTrue(privileged.output().contains("Error response from daemon: authorization denied by plugin "
                + "example.authz: privileged containers are not allowed"), privileged.output());
        Result rootBind = docker.run("run", "--rm", "-v", "/:/host", IMAGE, "true");
        assertTrue(rootBind.output().contains("authorization denied by plugin example.authz"), rootBind.output());
        assertEquals("ok\n", docker.run("run", "--rm", IMAGE, "echo", "ok").output(), "other runs pass");

        Files.delete(deployed);
        awaitTrue("the policy to be gone", () -> docker.run("run", "--rm", "--privileged", IMAGE, "true").exit() == 0);
        Result caps = docker.run("run", "--rm", "--privileged", IMAGE, "grep", "CapEff", "/proc/self/status");
        assertEquals(0, caps.exit(), caps.output());
        assertNotEquals("CapEff:\t00000000a80425fb\n", caps.output(), "more than dockerd's default set");
        Result bound = docker.run("run", "--rm", "-v", "/:/host:ro", IMAGE, "ls", "/host/proc/self");
        assertEquals(0, bound.exit(), bound.output());
    }

    /** A docker CLI command left running, its output in a file. */
    private static final class Client {
        private final Process process;
        private final Path output;
        private final String name;

        private Client(String name, Process process, Path output) {
            this.name = name;
            this.process = process;
            this.output = output;
        }

        static Client of(String name, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of("docker"));
            command.addAll(List.of(args));
            Path output = tmp.resolve(name + ".out");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.environment().keySet().removeIf(k -> k.startsWith("DOCKER_"));
            pb.environment().put("DOCKER_HOST", "unix://" + socket);
            pb.environment().put("DOCKER_CONFIG", tmp.resolve("docker-config").toString());
            return new Client(name, pb.start(), output);
        }

        void awaitOutput(String text) throws Exception {
            awaitTrue("docker " + name + " to print " + text, () -> Files.readString(output).contains(text));
        }

        /** The client saw the end of its stream and exited by itself. */
        void awaitEnd() throws Exception {
            boolean ended = process.waitFor(STREAM_END_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            assertTrue(ended, () -> "docker " + name + " still runs " + STREAM_END_SECONDS + " s after its bundle "
                    + "was updated; its output:\n" + read(output));
        }
    }

    /** {@code bin/wharf bundle update} with the distribution's own jar of that module. */
    private static void update(String module) throws Exception {
        Path jar;
        try (Stream<Path> jars = Files.list(home.resolve("bundle"))) {
            jar = jars.filter(p -> p.getFileName().toString().startsWith(module + "-")).findFirst().orElseThrow();
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/wharf").toString(), "-H", "unix://" + socket,
                "bundle", "update", jar.toString()));
        Result updated = DockerCli.run(new ProcessBuilder(command));
        assertEquals(0, updated.exit(), updated.output());
        assertTrue(updated.output().startsWith("Updated "), updated.output());
    }

    private static JsonNode state(String name) throws Exception {
        return JSON.readTree(docker.ok("inspect", "--format", "{{json .State}}", name));
    }

    @FunctionalInterface
    private interface Probe {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(String what, Probe probe) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            assertTrue(daemon.isAlive(), () -> "the daemon exited:\n" + daemon.log());
            if (probe.holds()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what + "\n" + daemon.log());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
