package wharf.runtime.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import wharf.runtime.api.ContainerRuntime;
import wharf.runtime.api.ContainerState;
import wharf.runtime.api.RuntimeFailure;
import wharf.runtime.api.RuntimeSpec;

/**
 * runc or crun under conmon. Per container it owns {@code <data-root>/containers/<id>/bundle}
 * (config.json, rootfs, and the overlay's upper and work dirs) and {@code .../userdata} (conmon's
 * pid files, exit dir and attach socket dir); the runtime's own state lives under
 * {@code <data-root>/runtime/<runc|crun>}.
 */
@Component(service = ContainerRuntime.class)
@Designate(ocd = RuntimeOptions.class)
public final class OciRuntime implements ContainerRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(OciRuntime.class);
    /** Framework property the launcher sets from {@code --data-root}. */
    static final String DATA_ROOT = "wharf.data.root";
    static final String DEFAULT_DATA_ROOT = "/var/lib/wharf";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final int SIGKILL = 9;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path containersRoot;
    private final Path runtimeRoot;
    private final Path runtime;
    private final Path conmon;
    /** Data dirs of the containers prepared since start; others sit at their default place. */
    private final Map<String, Path> dataDirs = new ConcurrentHashMap<>();

    @Activate
    public OciRuntime(BundleContext context, RuntimeOptions options) {
        this(dataRoot(context), options.runtime(), options.conmon());
    }

    OciRuntime(Path dataRoot, String runtimeName, String conmonPath) {
        this.runtime = chooseRuntime(runtimeName);
        this.conmon = conmonPath.isEmpty() ? Binaries.find("conmon")
                .orElseThrow(() -> new RuntimeFailure("conmon is not installed")) : Path.of(conmonPath);
        this.containersRoot = dataRoot.resolve("containers");
        this.runtimeRoot = dataRoot.resolve("runtime").resolve(runtime.getFileName().toString());
        LOG.info("Containers run with {} under {}", runtime, conmon);
    }

    private static Path dataRoot(BundleContext context) {
        String root = context.getProperty(DATA_ROOT);
        return Path.of(root == null || root.isBlank() ? DEFAULT_DATA_ROOT : root);
    }

    /** crun when asked for and installed; runc otherwise. */
    private static Path chooseRuntime(String name) {
        Optional<Path> wanted = Binaries.find(name);
        if (wanted.isPresent()) {
            return wanted.get();
        }
        LOG.warn("{} is not installed; using runc", name);
        return Binaries.find("runc").orElseThrow(() -> new RuntimeFailure("neither " + name + " nor runc is installed"));
    }

    @Override
    public void prepare(RuntimeSpec spec) {
        if (spec.tty()) {
            throw new RuntimeFailure("a terminal for the container is not supported yet");
        }
        Dirs dirs = new Dirs(spec.dataDir());
        dataDirs.put(spec.id(), spec.dataDir());
        try {
            Files.createDirectories(dirs.bundle());
            Files.createDirectories(dirs.userdata());
            Files.createDirectories(spec.logPath().toAbsolutePath().getParent());
            Rootfs.create(spec.layers(), dirs.bundle().resolve("upper"), dirs.bundle().resolve("work"), dirs.rootfs());
            Users.Resolved user = Users.resolve(spec.user(), dirs.rootfs());
            JSON.writeValue(dirs.bundle().resolve("config.json").toFile(), OciConfig.build(spec, user, "rootfs"));
        } catch (IOException | RuntimeException e) {
            removeBundle(spec.id(), dirs);
            throw e instanceof RuntimeFailure failure ? failure
                    : new RuntimeFailure("cannot prepare container " + spec.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int start(String id) {
        Dirs dirs = dirs(id);
        if (!Files.isRegularFile(dirs.bundle().resolve("config.json"))) {
            throw new RuntimeFailure("container " + id + " is not prepared");
        }
        try {
            Files.createDirectories(dirs.exitDir());
            Files.createDirectories(dirs.socketDir());
        } catch (IOException e) {
            throw new RuntimeFailure("cannot create container " + id + "'s runtime dirs: " + e.getMessage(), e);
        }
        Commands.Result conmonResult = Commands.run(conmonCommand(id, dirs), COMMAND_TIMEOUT);
        if (!conmonResult.ok()) {
            throw new RuntimeFailure(conmonResult.output().isEmpty()
                    ? "conmon failed with exit code " + conmonResult.exitCode() : conmonResult.output());
        }
        awaitCreated(id, dirs);
        Commands.check(runtimeCommand("start", id), COMMAND_TIMEOUT);
        return readPid(dirs.pidFile());
    }

    /** conmon's parent returns at once; its daemonised child has the runtime create the container. */
    private void awaitCreated(String id, Dirs dirs) {
        long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
        while (!Files.exists(dirs.pidFile())) {
            boolean conmonGone = Files.exists(dirs.conmonPidFile())
                    && ProcessHandle.of(readPid(dirs.conmonPidFile())).map(p -> !p.isAlive()).orElse(true);
            if (conmonGone || Files.exists(dirs.exitFile(id)) || System.nanoTime() > deadline) {
                throw new RuntimeFailure(runtimeError(dirs).orElse("conmon failed to create container " + id));
            }
            sleep(POLL);
        }
    }

    /** The last error the runtime logged (its --log file holds one JSON object a line). */
    private static Optional<String> runtimeError(Dirs dirs) {
        try {
            List<String> lines = Files.readAllLines(dirs.runtimeLog());
            for (int i = lines.size() - 1; i >= 0; i--) {
                JsonNode entry = JSON.readTree(lines.get(i));
                if ("error".equals(entry.path("level").asText())) {
                    return Optional.of(entry.path("msg").asText());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    List<String> conmonCommand(String id, Dirs dirs) {
        return List.of(conmon.toString(), "--api-version", "1",
                "-c", id, "-u", id, "-n", id,
                "-r", runtime.toString(),
                "-b", dirs.bundle().toString(),
                "-p", dirs.pidFile().toString(),
                "-P", dirs.conmonPidFile().toString(),
                "-l", "k8s-file:" + logPath(id),
                "--exit-dir", dirs.exitDir().toString(),
                "--persist-dir", dirs.userdata().toString(),
                "--socket-dir-path", dirs.socketDir().toString(),
                "--log-level", "error",
                "--runtime-arg", "--root=" + runtimeRoot,
                "--runtime-arg", "--log=" + dirs.runtimeLog(),
                "--runtime-arg", "--log-format=json");
    }

    private Path logPath(String id) {
        try {
            return Path.of(JSON.readTree(dirs(id).bundle().resolve("config.json").toFile())
                    .path("annotations").path(OciConfig.LOG_PATH_ANNOTATION).asText(""));
        } catch (IOException e) {
            throw new RuntimeFailure("cannot read container " + id + "'s config: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ContainerState> state(String id) {
        Dirs dirs = dirs(id);
        Optional<Integer> exitCode = exitCode(id, dirs);
        Optional<Instant> finishedAt = exitCode.flatMap(code -> modified(dirs.exitFile(id)));
        Commands.Result result = Commands.run(runtimeCommand("state", id), COMMAND_TIMEOUT);
        if (!result.ok()) {
            // the runtime forgot the container (deleted); conmon's exit file still tells how it ended
            return exitCode.map(code -> new ContainerState(ContainerState.Status.STOPPED, 0, exitCode, finishedAt));
        }
        try {
            JsonNode state = JSON.readTree(result.output());
            ContainerState.Status status = ContainerState.Status.valueOf(
                    state.path("status").asText().toUpperCase(java.util.Locale.ROOT));
            if (status == ContainerState.Status.STOPPED) {
                return Optional.of(new ContainerState(status, 0, exitCode, finishedAt));
            }
            return Optional.of(new ContainerState(status, state.path("pid").asInt(), Optional.empty(), Optional.empty()));
        } catch (IOException | IllegalArgumentException e) {
            throw new RuntimeFailure("unexpected state from " + runtime + ": " + result.output(), e);
        }
    }

    @Override
    public void kill(String id, int signal) {
        Commands.check(runtimeCommand("kill", id, Integer.toString(signal)), COMMAND_TIMEOUT);
    }

    @Override
    public Optional<ContainerState> awaitExit(String id, Duration timeout) {
        Dirs dirs = dirs(id);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(dirs.exitFile(id))) {
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            sleep(POLL);
        }
        // conmon writes the file before it goes; a partial read shows as empty, so read until whole
        while (exitCode(id, dirs).isEmpty() && System.nanoTime() < deadline) {
            sleep(POLL);
        }
        return state(id);
    }

    @Override
    public void delete(String id) {
        Dirs dirs = dirs(id);
        Commands.Result state = Commands.run(runtimeCommand("state", id), COMMAND_TIMEOUT);
        if (state.ok()) {
            Commands.run(runtimeCommand("kill", id, Integer.toString(SIGKILL)), COMMAND_TIMEOUT);
            Commands.Result deleted = Commands.run(runtimeCommand("delete", "--force", id), COMMAND_TIMEOUT);
            if (!deleted.ok()) {
                throw new RuntimeFailure(deleted.output());
            }
        }
        stopConmon(dirs);
        removeBundle(id, dirs);
    }

    /** conmon ends by itself once the container has; one left behind (it failed midway) is killed. */
    private void stopConmon(Dirs dirs) {
        if (!Files.exists(dirs.conmonPidFile())) {
            return;
        }
        ProcessHandle.of(readPid(dirs.conmonPidFile())).filter(this::isConmon).ifPresent(process -> {
            try {
                process.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.warn("conmon {} did not exit with its container; killing it", process.pid());
                process.destroyForcibly();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new RuntimeFailure("cannot wait for conmon: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeFailure("interrupted while waiting for conmon", e);
            }
        });
    }

    /** The pid file may be stale: only a process that is conmon gets killed. */
    private boolean isConmon(ProcessHandle process) {
        return process.info().command().map(command -> Path.of(command).getFileName().toString().equals("conmon"))
                .orElse(false);
    }

    private void removeBundle(String id, Dirs dirs) {
        try {
            Rootfs.unmount(dirs.rootfs());
            Rootfs.deleteTree(dirs.bundle());
            Rootfs.deleteTree(dirs.userdata());
        } catch (IOException e) {
            throw new RuntimeFailure("cannot remove container " + id + "'s bundle: " + e.getMessage(), e);
        } finally {
            dataDirs.remove(id);
        }
    }

    private List<String> runtimeCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(runtime.toString(), "--root", runtimeRoot.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private Dirs dirs(String id) {
        return new Dirs(dataDirs.getOrDefault(id, containersRoot.resolve(id)));
    }

    private static Optional<Integer> exitCode(String id, Dirs dirs) {
        try {
            String text = Files.readString(dirs.exitFile(id), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(text));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            throw new RuntimeFailure("cannot read container " + id + "'s exit code: " + e.getMessage(), e);
        }
    }

    private static Optional<Instant> modified(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int readPid(Path file) {
        try {
            return Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException | NumberFormatException e) {
            throw new RuntimeFailure("cannot read pid file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("interrupted while waiting for a container", e);
        }
    }

    /** Where one container's files are. */
    record Dirs(Path dataDir) {
        Path bundle() {
            return dataDir.resolve("bundle");
        }

        Path rootfs() {
            return bundle().resolve("rootfs");
        }

        Path userdata() {
            return dataDir.resolve("userdata");
        }

        Path pidFile() {
            return userdata().resolve("pidfile");
        }

        Path conmonPidFile() {
            return userdata().resolve("conmon.pid");
        }

        Path socketDir() {
            return userdata().resolve("sockets");
        }

        Path runtimeLog() {
            return userdata().resolve("runtime.log");
        }

        Path exitDir() {
            return userdata().resolve("exits");
        }

        Path exitFile(String id) {
            return exitDir().resolve(id);
        }
    }
}
