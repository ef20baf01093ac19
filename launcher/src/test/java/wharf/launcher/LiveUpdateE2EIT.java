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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wharf.launcher.DockerCli.Result;
import java.time.Duration;

/**
 * The plugin host's promises where containers are concerned, on a copy of the distribution with
 * its own deploy/: updating the bundles that serve container routes, events and the container
 * store ends the streams they serve (the docker CLI sees the end and exits) and leaves running
 * containers running; the example authorization policy dropped into deploy/ refuses privileged
 * containers and binds of / until its jar is removed.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LiveUpdateE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE = "live-e2e:1";
    private static final long STREAM_END_SECONDS = 10;
    private static final Duration AWAIT = Duration.ofSeconds(15);
    private static E2eDaemon daemon;
    private static Path tmp;
    private static Path home;
    private static Path socket;
    private static DockerCli docker;

    @BeforeAll
    static void start() throws Exception {
        daemon = E2eDaemon.ofCopy("live");
        daemon.startWith();
        daemon.importBusybox(IMAGE);
        tmp = daemon.tmp();
        home = daemon.home();
        socket = daemon.socket();
        docker = daemon.docker();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon == null) {
            return;
        }
        try {
            docker.run("rm", "-f", "ticker");
        } finally {
            daemon.close();
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
        daemon.await("the policy to refuse", AWAIT,
                () -> docker.run("run", "--rm", "--privileged", IMAGE, "true").exit() != 0);
        Result privileged = docker.run("run", "--rm", "--privileged", IMAGE, "true");
        assertEquals(125, privileged.exit(), privileged.output());
        assertTrue(privileged.output().contains("Error response from daemon: authorization denied by plugin "
                + "example.authz: privileged containers are not allowed"), privileged.output());
        Result rootBind = docker.run("run", "--rm", "-v", "/:/host", IMAGE, "true");
        assertTrue(rootBind.output().contains("authorization denied by plugin example.authz"), rootBind.output());
        assertEquals("ok\n", docker.run("run", "--rm", IMAGE, "echo", "ok").output(), "other runs pass");

        Files.delete(deployed);
        daemon.await("the policy to be gone", AWAIT,
                () -> docker.run("run", "--rm", "--privileged", IMAGE, "true").exit() == 0);
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
            Path output = tmp.resolve(name + ".out");
            ProcessBuilder pb = docker.command(args).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            return new Client(name, pb.start(), output);
        }

        void awaitOutput(String text) throws Exception {
            daemon.await("docker " + name + " to print " + text, AWAIT,
                    () -> Files.readString(output).contains(text));
        }

        /** The client saw the end of its stream and exited by itself. */
        void awaitEnd() throws Exception {
            boolean ended = process.waitFor(STREAM_END_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            assertTrue(ended, () -> "docker " + name + " still runs " + STREAM_END_SECONDS + " s after its bundle "
                    + "was updated; its output:\n" + E2e.read(output));
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
}
