package wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The docker CLI as the end-to-end tests run it: against the daemon's unix socket with a
 * configuration directory of the test's own, nothing from the caller's DOCKER_* environment, and a
 * bounded wait.
 */
final class DockerCli {
    private static final long BOUND_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A finished command: its exit status (-1 when it overran the bound) and its stdout and stderr together. */
    record Result(int exit, String output) {
    }

    private final Path socket;
    private final Path config;

    DockerCli(Path socket, Path config) {
        this.socket = socket;
        this.config = config;
    }

    /** The same daemon with another configuration directory, where logins keep their credentials. */
    DockerCli withConfig(Path otherConfig) {
        return new DockerCli(socket, otherConfig);
    }

    Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), null, args);
    }

    /** Runs the CLI, asserts success and returns its trimmed output. */
    String ok(String... args) throws IOException, InterruptedException {
        Result r = run(args);
        assertEquals(0, r.exit(), () -> "docker " + String.join(" ", args) + ":\n" + r.output());
        return r.output().trim();
    }

    /** {@code docker image inspect} of one image: its one object. */
    JsonNode inspect(String name) throws IOException, InterruptedException {
        JsonNode all = JSON.readTree(ok("image", "inspect", name));
        assertEquals(1, all.size(), all::toString);
        return all.get(0);
    }

    /** With the file as stdin when one is given. */
    Result run(Path stdin, String... args) throws IOException, InterruptedException {
        return run(Map.of(), stdin, args);
    }

    /** With environment variables over the defaults, DOCKER_HOST among them when another daemon address is wanted. */
    Result run(Map<String, String> env, Path stdin, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = command(args);
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from((stdin == null ? Path.of("/dev/null") : stdin).toFile()));
        return run(pb);
    }

    /** The CLI with these arguments, for a test that handles the process itself. */
    ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return environment(new ProcessBuilder(command));
    }

    /** Any command (a shell line, script(1)) with the CLI's environment: this daemon and configuration only. */
    ProcessBuilder environment(ProcessBuilder pb) {
        pb.environment().keySet().removeIf(k -> k.startsWith("DOCKER_"));
        pb.environment().put("DOCKER_HOST", "unix://" + socket);
        pb.environment().put("DOCKER_CONFIG", config.toString());
        return pb;
    }

    /** Any command, stdout and stderr together; killed when it overruns the bound. */
    static Result run(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.redirectErrorStream(true).start();
        // read beside the wait, so that a command that hangs cannot hold the test past the bound
        FutureTask<String> output = new FutureTask<>(
                () -> new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        Thread reader = new Thread(output, "command-output");
        reader.setDaemon(true);
        reader.start();
        boolean ended = p.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String out;
        try {
            out = output.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            out = "(no output: " + e + ")";
        }
        return new Result(ended ? p.exitValue() : -1, out);
    }
}
