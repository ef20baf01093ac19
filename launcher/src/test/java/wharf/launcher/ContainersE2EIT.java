package wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wharf.launcher.DockerCli.Result;

/**
 * Containers end to end: bin/wharf runs real containers of a busybox image the test imports from
 * Debian's busybox-static, driven by the docker CLI (through a real pty where a terminal is
 * wanted) and docker-java. One daemon serves the whole class; only the survival test restarts it.
 * Every test names its containers after itself and removes them.
 *
 * <p>With {@code -Dwharf.e2e.socket=/path/docker.sock} the same tests run against a daemon already
 * listening there (dockerd, to check that each assertion is what dockerd does); the restart test
 * is then skipped, as this class cannot restart a daemon it did not start.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContainersE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE = "ctr-e2e:1";
    private static final String ID = "[0-9a-f]{64}";
    private static final long STEP_SECONDS = 30;

    private static E2eDaemon daemon;
    private static Path tmp;
    private static Path socket;
    private static DockerCli dockerCli;

    @BeforeAll
    static void start() throws Exception {
        daemon = E2eDaemon.startOrExternal("containers");
        daemon.importBusybox(IMAGE);
        tmp = daemon.tmp();
        socket = daemon.socket();
        dockerCli = daemon.docker();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void runRemovePrintsExactlyTheOutput() throws Exception {
        Result r = docker("run", "--rm", IMAGE, "echo", "hi");
        assertEquals(0, r.exit(), r.output());
        assertEquals("hi\n", r.output());
    }

    @Test
    void exitCodesPropagate() throws Exception {
        assertEquals(3, docker("run", "--rm", IMAGE, "sh", "-c", "exit 3").exit());
        Result missing = docker("run", "--rm", IMAGE, "no-such-command");
        assertEquals(127, missing.exit(), missing.output());
        assertTrue(missing.output().contains("no-such-command"), missing.output());
        Result notExecutable = docker("run", "--rm", IMAGE, "/notexec");
        assertEquals(126, notExecutable.exit(), notExecutable.output());
        assertTrue(notExecutable.output().contains("permission denied"), notExecutable.output());
    }

    @Test
    void logsFollowTailTimestampsAndStreamsApart() throws Exception {
        String name = "logs-e2e";
        try {
            ok("run", "-d", "--name", name, IMAGE, "sh", "-c", "echo out1; echo err1 >&2; echo out2; sleep 1; echo out3");
            // -f follows until the container exits, so it sees the line written a second later
            Result followed = docker("logs", "-f", name);
            assertEquals(0, followed.exit(), followed.output());
            assertEquals(List.of("err1", "out1", "out2", "out3"), followed.output().lines().sorted().toList());

            assertEquals("out3", ok("logs", "--tail", "1", name));
            List<String> stamped = ok("logs", "-t", name).lines().sorted().toList();
            assertEquals(4, stamped.size(), stamped::toString);
            for (String line : stamped) {
                assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z (out[123]|err1)"), line);
            }

            Result stdoutOnly = shell("docker logs " + name + " 2>/dev/null");
            assertEquals("out1\nout2\nout3\n", stdoutOnly.output());
            Result stderrOnly = shell("docker logs " + name + " 1>/dev/null");
            assertEquals("err1\n", stderrOnly.output());
        } finally {
            remove(name);
        }
    }

    @Test
    void stdinPipedThroughRunInteractive() throws Exception {
        Result r = shell("echo x | docker run -i --rm " + IMAGE + " cat");
        assertEquals(0, r.exit(), r.output());
        assertEquals("x\n", r.output());
    }

    @Test
    void runWithATerminalGivesAnInteractiveShell() throws Exception {
        Result r = pty("docker run -it --rm " + IMAGE + " sh", "echo hello-tty; exit 3\n");
        assertEquals(3, r.exit(), r.output());
        // the echoed input holds hello-tty too: the shell's answer is a line of its own
        assertTrue(lines(r.output()).contains("hello-tty"), r.output());
    }

    @Test
    void execWithStdinTerminalUserDirectoryAndEnvironment() throws Exception {
        String name = "exec-e2e";
        try {
            ok("run", "-d", "--name", name, IMAGE, "sleep", "1000");
            assertEquals("x", ok("exec", name, "echo", "x"));
            Result piped = shell("echo abc | docker exec -i " + name + " cat");
            assertEquals("abc\n", piped.output());
            assertEquals("1000", ok("exec", "-u", "1000", name, "id", "-u"));
            assertEquals("/tmp", ok("exec", "-w", "/tmp", name, "pwd"));
            assertEquals("V", ok("exec", "-e", "K=V", name, "sh", "-c", "echo $K"));
            assertEquals(5, docker("exec", name, "sh", "-c", "exit 5").exit());

            Result tty = pty("docker exec -it " + name + " sh", "tty -s && echo is-a-tty; exit 4\n");
            assertEquals(4, tty.exit(), tty.output());
            assertTrue(lines(tty.output()).contains("is-a-tty"), tty.output());
        } finally {
            remove(name);
        }
    }

    @Test
    void attachShowsTheRunningOutputAndLeavesTheContainerRunning() throws Exception {
        String name = "attach-e2e";
        try {
            ok("run", "-d", "--name", name, IMAGE, "sh", "-c",
                    "i=0; while true; do i=$((i+1)); echo line-$i; sleep 0.2; done");
            Path out = tmp.resolve("attach.out");
            ProcessBuilder pb = dockerCli.command("attach", name)
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            Process attach = pb.start();
            try {
                // without a tty, SIGINT and SIGTERM do not end docker attach: SIGKILL does, as a user's kill -9
                awaitTrue(() -> E2e.read(out).lines().filter(l -> l.startsWith("line-")).count() >= 3,
                        () -> "attach printed: " + E2e.read(out));
            } finally {
                attach.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            assertEquals("true", ok("inspect", "-f", "{{.State.Running}}", name));
        } finally {
            remove(name);
        }
    }

    @Test
    void stopSendsSigtermToAHandler() throws Exception {
        String name = "stop-term-e2e";
        try {
            ok("run", "-d", "--name", name, IMAGE, "sh", "-c",
                    "trap 'echo got-term; exit 0' TERM; echo ready; while true; do sleep 0.1; done");
            awaitLog(name, "ready");
            assertEquals(name, ok("stop", name));
            assertEquals("exited 0", ok("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", name));
            assertTrue(ok("logs", name).lines().toList().contains("got-term"), () -> logs(name));
        } finally {
            remove(name);
        }
    }

    @Test
    void stopTimeoutEndsInSigkill() throws Exception {
        String name = "stop-kill-e2e";
        try {
            ok("run", "-d", "--name", name, IMAGE, "sleep", "1000");
            long t0 = System.nanoTime();
            assertEquals(name, ok("stop", "-t", "1", name));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(millis >= 900 && millis < 10_000, "stop -t 1 took " + millis + " ms");
            assertEquals("137", ok("inspect", "-f", "{{.State.ExitCode}}", name));
        } finally {
            remove(name);
        }
    }

    @Test
    void killSendsTheNamedSignal() throws Exception {
        String name = "kill-e2e";
        try {
            ok("run", "-d", "--name", name, IMAGE, "sh", "-c",
                    "trap 'echo got-usr1' USR1; echo ready; while true; do sleep 0.1; done");
            awaitLog(name, "ready");
            assertEquals(name, ok("kill", "-s", "USR1", name));
            awaitLog(name, "got-usr1");
            assertEquals("true", ok("inspect", "-f", "{{.State.Running}}", name));
        } finally {
            remove(name);
        }
    }

    @Test
    void restartRunsTheContainerAgain() throws Exception {
        String name = "restart-e2e";
        try {
            ok("run", "-d", "--name", name, IMAGE, "sleep", "1000");
            JsonNode before = inspect(name).path("State");
            assertEquals(name, ok("restart", "-t", "1", name));
            JsonNode after = inspect(name).path("State");
            assertTrue(after.path("Running").asBoolean(), after::toString);
            assertNotEquals(before.path("Pid").asInt(), after.path("Pid").asInt(), after::toString);
            assertNotEquals(before.path("StartedAt").asText(), after.path("StartedAt").asText(), after::toString);
        } finally {
            remove(name);
        }
    }

    @Test
    void pauseAndUnpause() throws Exception {
        String name = "pause-e2e";
        try {
            ok("run", "-d", "--name", name, IMAGE, "sleep", "1000");
            assertEquals(name, ok("pause", name));
            assertEquals("paused true", ok("inspect", "-f", "{{.State.Status}} {{.State.Paused}}", name));
            Result again = docker("pause", name);
            assertEquals(1, again.exit(), again.output());
            assertTrue(again.output().contains("is already paused"), again.output());
            assertEquals(name, ok("unpause", name));
            assertEquals("running false", ok("inspect", "-f", "{{.State.Status}} {{.State.Paused}}", name));
        } finally {
            remove(name);
        }
    }

    @Test
    void waitPrintsTheExitCode() throws Exception {
        String name = "wait-e2e";
        try {
            ok("run", "-d", "--name", name, IMAGE, "sh", "-c", "sleep 0.5; exit 7");
            assertEquals("7", ok("wait", name));
        } finally {
            remove(name);
        }
    }

    @Test
    void forcedRemoveOfARunningContainer() throws Exception {
        String name = "rmf-e2e";
        ok("run", "-d", "--name", name, IMAGE, "sleep", "1000");
        Result refused = docker("rm", name);
        assertEquals(1, refused.exit(), refused.output());
        assertTrue(refused.output().contains("You cannot remove a running container"), refused.output());
        assertEquals(name, ok("rm", "-f", name));
        Result gone = docker("inspect", name);
        assertEquals(1, gone.exit(), gone.output());
        assertTrue(gone.output().contains("No such object: " + name), gone.output());
    }

    @Test
    void psFiltersAndFormats() throws Exception {
        String running = "ps-run-e2e";
        String exited = "ps-exit-e2e";
        try {
            ok("run", "-d", "--name", running, "--label", "team=ps-a", IMAGE, "sleep", "1000");
            ok("run", "--name", exited, "--label", "team=ps-b", IMAGE, "true");
            String id = ok("inspect", "-f", "{{.Id}}", running);

            assertTrue(ok("ps", "--filter", "name=" + running, "--format", "{{.Names}} {{.Status}}")
                    .matches(running + " Up .*"));
            assertEquals("", ok("ps", "--filter", "name=" + exited, "--format", "{{.Names}}"), "ps without -a");
            assertTrue(ok("ps", "-a", "--filter", "label=team=ps-b", "--format", "{{.Names}} {{.Status}}")
                    .matches(exited + " Exited \\(0\\) .*"));
            List<String> exitedNames = ok("ps", "-a", "--filter", "status=exited", "--format", "{{.Names}}").lines().toList();
            assertTrue(exitedNames.contains(exited) && !exitedNames.contains(running), exitedNames::toString);
            List<String> ofImage = ok("ps", "-a", "--filter", "ancestor=" + IMAGE, "--format", "{{.Names}}").lines().toList();
            assertTrue(ofImage.containsAll(List.of(running, exited)), ofImage::toString);
            assertEquals(id.substring(0, 12), ok("ps", "-q", "--filter", "id=" + id.substring(0, 12)));
            assertEquals(id, ok("ps", "-q", "--no-trunc", "--filter", "id=" + id.substring(0, 12)));
            assertEquals(id + " \"sleep 1000\"",
                    ok("ps", "--no-trunc", "--filter", "name=" + running, "--format", "{{.ID}} {{.Command}}"));
        } finally {
            remove(running);
            remove(exited);
        }
    }

    @Test
    void inspectShowsDockerdsFields() throws Exception {
        String name = "inspect-e2e";
        try {
            String id = ok("run", "-d", "--name", name, "-m", "64m", IMAGE, "sleep", "1000");
            assertTrue(id.matches(ID), id);
            JsonNode c = inspect(name);
            assertEquals(id, c.path("Id").asText());
            assertEquals("/" + name, c.path("Name").asText());
            assertEquals("running", c.path("State").path("Status").asText());
            assertTrue(c.path("State").path("Running").asBoolean(), c::toString);
            assertEquals(0, c.path("State").path("ExitCode").asInt(-1), c::toString);
            assertTrue(c.path("State").path("Pid").asInt() > 0, c::toString);
            assertEquals(List.of("sleep", "1000"), E2e.strings(c.path("Config").path("Cmd")));
            assertEquals("sleep", c.path("Path").asText());
            assertEquals(List.of("1000"), E2e.strings(c.path("Args")));
            assertEquals(IMAGE, c.path("Config").path("Image").asText());
            assertEquals(ok("image", "inspect", "-f", "{{.Id}}", IMAGE), c.path("Image").asText());
            assertEquals(64L << 20, c.path("HostConfig").path("Memory").asLong());
        } finally {
            remove(name);
        }
    }

    @Test
    void nothingOfARemovedContainerIsLeft() throws Exception {
        String name = "leftover-e2e";
        String id = ok("run", "-d", "--name", name, IMAGE, "sleep", "1000");
        assertTrue(processesWith(id).size() > 0, "a running container has a process carrying its ID (conmon, shim)");
        ok("rm", "-f", name);
        awaitTrue(() -> processesWith(id).isEmpty() && !E2e.read(Path.of("/proc/self/mountinfo")).contains(id),
                () -> "left after rm: processes " + processesWith(id) + ", mounts "
                        + E2e.read(Path.of("/proc/self/mountinfo")).lines().filter(l -> l.contains(id)).toList());
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void runningContainerSurvivesADaemonRestart() throws Exception {
        assumeTrue(!daemon.external(), "the daemon was not started by this class");
        String name = "survive-e2e";
        try {
            ok("run", "-d", "--name", name, IMAGE, "sh", "-c",
                    "i=0; while true; do i=$((i+1)); echo tick-$i; sleep 0.2; done");
            awaitLog(name, "tick-2");
            int pid = inspect(name).path("State").path("Pid").asInt();
            daemon.restart();
            JsonNode state = inspect(name).path("State");
            assertTrue(state.path("Running").asBoolean(), state::toString);
            assertEquals(pid, state.path("Pid").asInt(), state::toString);
            // the log keeps growing: conmon kept writing it while the daemon was away, and still does
            long ticks = ok("logs", name).lines().count();
            awaitTrue(() -> logs(name).lines().count() > ticks + 2, () -> logs(name));
            assertEquals(name, ok("stop", "-t", "1", name));
            assertEquals("exited", ok("inspect", "-f", "{{.State.Status}}", name));
        } finally {
            remove(name);
        }
    }

    @Test
    void badInputIsRefusedAsDockerdRefusesIt() throws Exception {
        String name = "bad-e2e";
        try {
            Result missing = docker("create", "--pull", "never", "--name", "missing-image-e2e", "nope-e2e:1", "true");
            assertEquals(1, missing.exit(), missing.output());
            assertTrue(missing.output().contains("No such image: nope-e2e:1"), missing.output());
            assertEquals(List.of("404", "{\"message\":\"No such image: nope-e2e:1\"}"),
                    curl("-X", "POST", "-H", "Content-Type: application/json", "-d", "{\"Image\":\"nope-e2e:1\"}",
                            "http://wharf/containers/create"));

            String id = ok("run", "-d", "--name", name, IMAGE, "sleep", "1000");
            Result duplicate = docker("create", "--name", name, IMAGE, "true");
            assertEquals(1, duplicate.exit(), duplicate.output());
            assertTrue(duplicate.output().contains("Conflict. The container name \"/" + name
                    + "\" is already in use by container \"" + id + "\". You have to remove (or rename) that container"
                    + " to be able to reuse that name."), duplicate.output());
            assertEquals("409", curl("-X", "POST", "-H", "Content-Type: application/json", "-d", "{\"Image\":\"" + IMAGE
                    + "\",\"Cmd\":[\"true\"]}", "http://wharf/containers/create?name=" + name).get(0));
            Result invalid = docker("create", "--name", "bad/name", IMAGE, "true");
            assertEquals(1, invalid.exit(), invalid.output());
            assertTrue(invalid.output().contains(
                    "Invalid container name (bad/name), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"), invalid.output());
            assertEquals("400", curl("-X", "POST", "-H", "Content-Type: application/json", "-d", "{\"Image\":\"" + IMAGE
                    + "\",\"Cmd\":[\"true\"]}", "http://wharf/containers/create?name=bad%2Fname").get(0));

            assertEquals(name, ok("start", name), "start of a running container succeeds");
            assertEquals(List.of("304", ""), curl("-X", "POST", "http://wharf/containers/" + name + "/start"));
            assertEquals(List.of("400", "{\"message\":\"Invalid signal: FOO\"}"),
                    curl("-X", "POST", "http://wharf/containers/" + name + "/kill?signal=FOO"));
            ok("stop", "-t", "1", name);
            assertEquals(name, ok("stop", name), "stop of a stopped container succeeds");
            assertEquals(List.of("304", ""), curl("-X", "POST", "http://wharf/containers/" + name + "/stop"));
            // nothing of the refused creates is left behind
            assertEquals("", ok("ps", "-a", "-q", "--filter", "name=missing-image-e2e"));
            assertEquals(1, ok("ps", "-a", "-q", "--filter", "name=" + name).lines().count());
        } finally {
            remove(name);
        }
    }

    /** dockerd 20.10 answers 500 here (the one assertion it fails); later engines and the issue want 400. */
    @Test
    void malformedJsonIsABadRequest() throws Exception {
        List<String> malformed = curl("-X", "POST", "-H", "Content-Type: application/json", "-d", "{bad}",
                "http://wharf/containers/create");
        assertEquals("400", malformed.get(0), malformed::toString);
        assertTrue(malformed.get(1).startsWith("{\"message\":"), malformed::toString);
    }

    @Test
    void seccompAndNoNewPrivilegesFollowTheSecurityOptions() throws Exception {
        assertEquals("Seccomp:\t2", ok("run", "--rm", IMAGE, "grep", "Seccomp:", "/proc/self/status"));
        assertEquals("Seccomp:\t0", ok("run", "--rm", "--security-opt", "seccomp=unconfined", IMAGE, "grep", "Seccomp:",
                "/proc/self/status"));
        assertEquals("Seccomp:\t0", ok("run", "--rm", "--privileged", IMAGE, "grep", "Seccomp:", "/proc/self/status"));
        assertEquals("NoNewPrivs:\t1", ok("run", "--rm", "--security-opt", "no-new-privileges", IMAGE, "grep",
                "NoNewPrivs", "/proc/self/status"));
        // the CLI sends the profile file's content; docker's format, ERRNO without errnoRet is EPERM
        Path profile = tmp.resolve("no-mkdir.json");
        Files.writeString(profile, """
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO"}]}
                """);
        String name = "seccomp-e2e";
        try {
            Result denied = docker("run", "--name", name, "--security-opt", "seccomp=" + profile, IMAGE, "mkdir", "/x");
            assertEquals(1, denied.exit(), denied.output());
            assertTrue(denied.output().contains("Operation not permitted"), denied.output());
            JsonNode options = inspect(name).path("HostConfig").path("SecurityOpt");
            assertEquals(1, options.size(), options::toString);
            assertTrue(options.get(0).asText().startsWith("seccomp={\"defaultAction\":\"SCMP_ACT_ALLOW\""),
                    options::toString);
        } finally {
            remove(name);
        }
        Result invalid = docker("run", "--rm", "--security-opt", "foo=bar", IMAGE, "true");
        assertEquals(125, invalid.exit(), invalid.output());
        assertTrue(invalid.output().contains("invalid --security-opt 2: \"foo=bar\""), invalid.output());
    }

    @Test
    void dockerJavaRunsAContainer() throws Exception {
        DefaultDockerClientConfig cfg = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix://" + socket).build();
        try (ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(cfg.getDockerHost()).connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(Duration.ofSeconds(30)).build();
                DockerClient client = DockerClientImpl.getInstance(cfg, http)) {
            String id = client.createContainerCmd(IMAGE).withName("docker-java-e2e")
                    .withCmd("sh", "-c", "echo from-java; echo to-err >&2; sleep 1; exit 9").exec().getId();
            try {
                client.startContainerCmd(id).exec();
                String exec = client.execCreateCmd(id).withCmd("echo", "exec-out")
                        .withAttachStdout(true).withAttachStderr(true).exec().getId();
                Frames execOut = client.execStartCmd(exec).exec(new Frames());
                assertTrue(execOut.awaitCompletion(STEP_SECONDS, TimeUnit.SECONDS));
                assertEquals(List.of("STDOUT exec-out\n"), execOut.frames);
                assertEquals(0L, client.inspectExecCmd(exec).exec().getExitCodeLong());

                assertEquals(9, client.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                        .awaitStatusCode(STEP_SECONDS, TimeUnit.SECONDS));
                Frames logs = client.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new Frames());
                assertTrue(logs.awaitCompletion(STEP_SECONDS, TimeUnit.SECONDS));
                assertEquals(List.of("STDERR to-err\n", "STDOUT from-java\n"), logs.frames.stream().sorted().toList());
            } finally {
                client.removeContainerCmd(id).withForce(true).exec();
            }
            assertTrue(client.listContainersCmd().withShowAll(true).exec().stream().noneMatch(c -> id.equals(c.getId())));
        }
    }

    /** docker-java's frames as "STREAM payload", in arrival order. */
    private static final class Frames extends ResultCallback.Adapter<Frame> {
        final List<String> frames = new ArrayList<>();

        @Override
        public void onNext(Frame frame) {
            StreamType type = frame.getStreamType();
            synchronized (frames) {
                frames.add(type + " " + new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
        }
    }

    /** A shell command line with the CLI's environment, for pipes and redirections; stdin is empty. */
    private static Result shell(String commandLine) throws IOException, InterruptedException {
        return DockerCli.run(dockerCli.environment(new ProcessBuilder("sh", "-c", commandLine))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())));
    }

    /**
     * The command under script(1), so it has a real pty as its terminal: once a shell prompt shows,
     * the input is typed; stdin stays open until the command ends, as a user's terminal does.
     */
    private static Result pty(String commandLine, String input) throws Exception {
        Path out = tmp.resolve("pty-" + System.nanoTime() + ".out");
        Process p = dockerCli.environment(new ProcessBuilder("script", "-qec", commandLine, "/dev/null"))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try (OutputStream stdin = p.getOutputStream()) {
            awaitTrue(() -> E2e.read(out).contains("# ") || !p.isAlive(), () -> "no prompt: " + E2e.read(out));
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            boolean ended = p.waitFor(STEP_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            return new Result(ended ? p.exitValue() : -1, E2e.read(out));
        } finally {
            p.destroyForcibly();
        }
    }

    /** The lines of terminal output, without their carriage returns. */
    private static List<String> lines(String ttyOutput) {
        return ttyOutput.lines().map(l -> l.replace("\r", "")).toList();
    }

    /** {@code status} and {@code body} of one request over the daemon's socket. */
    private static List<String> curl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-m", "30", "--unix-socket", socket.toString(),
                "-w", "\n%{http_code}"));
        command.addAll(List.of(args));
        Result r = DockerCli.run(new ProcessBuilder(command));
        String out = r.output();
        int cut = out.lastIndexOf('\n');
        return List.of(out.substring(cut + 1), out.substring(0, cut).trim());
    }

    private static Result docker(String... args) throws IOException, InterruptedException {
        return dockerCli.run(args);
    }

    private static String ok(String... args) throws IOException, InterruptedException {
        return dockerCli.ok(args);
    }

    private static JsonNode inspect(String name) throws IOException, InterruptedException {
        JsonNode all = JSON.readTree(ok("inspect", name));
        assertEquals(1, all.size(), all::toString);
        return all.get(0);
    }

    private static String logs(String name) {
        try {
            return docker("logs", name).output();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    /** Waits until the container's log has the line. */
    private static void awaitLog(String name, String line) throws Exception {
        awaitTrue(() -> logs(name).lines().anyMatch(line::equals), () -> "no " + line + " in the log of " + name
                + ":\n" + logs(name));
    }

    /** Polls the condition for up to STEP_SECONDS. */
    private static void awaitTrue(E2e.Probe condition, Supplier<String> message) throws Exception {
        E2e.await(Duration.ofSeconds(STEP_SECONDS), Duration.ofMillis(100), condition, message);
    }

    /** Removes the container if it is there; a test's clean-up, which must not hide the test's own failure. */
    private static void remove(String name) throws IOException, InterruptedException {
        dockerCli.run("rm", "-f", name);
    }

    /** Processes whose command line carries the text (the container's conmon, runtime or shim). */
    private static List<String> processesWith(String text) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (cmdline.contains(text)) {
                        found.add(p.getFileName() + ": " + cmdline.trim());
                    }
                } catch (IOException gone) {
                    // the process ended while the list was read
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
