package wharf.runtime.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.jna.LastErrorException;

import wharf.runtime.api.ContainerRuntime;
import wharf.runtime.api.ContainerState;
import wharf.runtime.api.MountSpec;
import wharf.runtime.api.ProcessSpec;
import wharf.runtime.api.ResourceUsage;
import wharf.runtime.api.Resources;
import wharf.runtime.api.RuntimeFailure;
import wharf.runtime.api.RuntimeSpec;
import wharf.common.fs.FileTrees;

/**
 * runc or crun under conmon. Per container it owns {@code <data-root>/containers/<id>/bundle}
 * (config.json, rootfs, the overlay's upper and work dirs, conmon's attach socket and FIFOs),
 * {@code .../userdata} (conmon's pid files, exit dir and socket dir) and {@code .../exec/<execId>}
 * (the same for each exec); the runtime's own state lives under {@code <data-root>/runtime/<runc|crun>}.
 */
@Component(service = ContainerRuntime.class)
@Designate(ocd = RuntimeOptions.class)
public final class OciRuntime implements ContainerRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(OciRuntime.class);
    /** Framework property the launcher sets from {@code --data-root}. */
    static final String DATA_ROOT = "wharf.data.root";
    static final String DEFAULT_DATA_ROOT = "/var/lib/wharf";
    /** Framework property the launcher sets from {@code --default-runtime}. */
    static final String DEFAULT_RUNTIME = "wharf.runtime.default";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONMON_EXIT_TIMEOUT = Duration.ofSeconds(5);
    /** How often a start looks for the pid file conmon writes once the runtime has started the process. */
    private static final Duration POLL = Duration.ofMillis(20);
    private static final int SIGKILL = 9;
    /** conmon's control message that resizes the terminal (conmon config.h WIN_RESIZE_EVENT). */
    private static final int WIN_RESIZE_EVENT = 1;
    private static final int ENXIO = 6;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path containersRoot;
    private final Path runtimeRoot;
    private final Path runtime;
    private final Path conmon;
    /** The cgroups runc makes for OciConfig's {@code cgroupsPath /wharf/<id>}. */
    private final CgroupStats cgroups = new CgroupStats(Path.of("/sys/fs/cgroup"), Path.of("/proc"), "wharf");
    /** Where awaitExit and awaitExec wait: one inotify watch for all of them. */
    private final ExitWatcher exits = new ExitWatcher();

    @Activate
    public OciRuntime(BundleContext context, RuntimeOptions options) {
        this(dataRoot(context), options.runtime().isEmpty() ? defaultRuntime(context) : options.runtime(),
                options.conmon());
    }

    OciRuntime(Path dataRoot, String runtimeName, String conmonPath) {
        this.runtime = chooseRuntime(runtimeName);
        this.conmon = conmonPath.isEmpty() ? Binaries.find("conmon")
                .orElseThrow(() -> new RuntimeFailure("conmon is not installed")) : Path.of(conmonPath);
        this.containersRoot = dataRoot.resolve("containers");
        this.runtimeRoot = dataRoot.resolve("runtime").resolve(runtime.getFileName().toString());
        LOG.info("Containers run with {} under {}", runtime, conmon);
    }

    /** Ends the exit watcher; the containers keep running under conmon. */
    @Deactivate
    public void close() {
        exits.close();
    }

    private static Path dataRoot(BundleContext context) {
        String root = context.getProperty(DATA_ROOT);
        return Path.of(root == null || root.isBlank() ? DEFAULT_DATA_ROOT : root);
    }

    /** The launcher's {@code --default-runtime}; empty when not given. */
    private static String defaultRuntime(BundleContext context) {
        String name = context.getProperty(DEFAULT_RUNTIME);
        return name == null ? "" : name.strip();
    }

    /** The runtime asked for if installed; without a wish runc, or crun where runc is missing. */
    static Path chooseRuntime(String name) {
        String wanted = name.isEmpty() ? "runc" : name;
        String other = wanted.equals("crun") ? "runc" : "crun";
        Optional<Path> found = Binaries.find(wanted);
        if (found.isPresent()) {
            return found.get();
        }
        if (!name.isEmpty()) {
            LOG.warn("{} is not installed; trying {}", wanted, other);
        }
        return Binaries.find(other)
                .orElseThrow(() -> new RuntimeFailure("neither " + wanted + " nor " + other + " is installed"));
    }

    // ---- prepare and start

    @Override
    public void prepare(RuntimeSpec spec) {
        Dirs dirs = dirs(spec.id());
        if (!spec.dataDir().toAbsolutePath().normalize().equals(dirs.dataDir().toAbsolutePath().normalize())) {
            throw new RuntimeFailure("container " + spec.id() + "'s data dir must be " + dirs.dataDir()
                    + ", not " + spec.dataDir());
        }
        try {
            Optional<Path> init = spec.init() ? Optional.of(tini()) : Optional.empty();
            Files.createDirectories(dirs.bundle());
            Files.createDirectories(dirs.main().dir());
            Files.createDirectories(spec.logPath().toAbsolutePath().getParent());
            Rootfs.create(spec.layers(), dirs.bundle().resolve("upper"), dirs.bundle().resolve("work"), dirs.rootfs());
            Users.Resolved user = Users.resolve(spec.process().user(), dirs.rootfs());
            // dockerd creates a missing working dir rather than let the runtime fail on it
            ScopedPaths.createDirectories(dirs.rootfs(), spec.process().cwd().isEmpty() ? "/" : spec.process().cwd());
            for (MountSpec mount : spec.mounts()) {
                if (mount.type().equals("bind")) {
                    ScopedPaths.createMountPoint(dirs.rootfs(), mount.destination(), Path.of(mount.source()));
                } else {
                    ScopedPaths.createDirectories(dirs.rootfs(), mount.destination());
                }
            }
            init.ifPresent(path -> ScopedPaths.createMountPoint(dirs.rootfs(), OciConfig.INIT_PATH, path));
            JSON.writeValue(dirs.config().toFile(), OciConfig.build(spec, user, "rootfs", init));
        } catch (IOException | RuntimeException e) {
            removeFiles(spec.id(), dirs);
            throw e instanceof RuntimeFailure failure ? failure
                    : new RuntimeFailure("cannot prepare container " + spec.id() + ": " + e.getMessage(), e);
        }
    }

    /** dockerd's docker-init is a static tini; Debian's tini package ships one. */
    private static Path tini() {
        return Binaries.find("tini-static").or(() -> Binaries.find("docker-init"))
                .orElseThrow(() -> new RuntimeFailure("init was asked for, but no static tini is installed "
                        + "(install Debian's tini package for /usr/bin/tini-static)"));
    }

    @Override
    public int start(String id) {
        Dirs dirs = dirs(id);
        JsonNode config = config(id, dirs);
        Session session = dirs.main();
        clearLastRun(id, session);
        JsonNode annotations = config.path("annotations");
        boolean openStdin = annotations.path(OciConfig.OPEN_STDIN_ANNOTATION).asText().equals("true");
        boolean stdinOnce = annotations.path(OciConfig.STDIN_ONCE_ANNOTATION).asText().equals("true");
        List<String> command = conmonCommand(id, id, session,
                Path.of(annotations.path(OciConfig.LOG_PATH_ANNOTATION).asText()),
                config.path("process").path("terminal").asBoolean(), openStdin, !stdinOnce);
        command.addAll(List.of("-n", id, "--persist-dir", session.dir().toString()));
        try {
            launch(id, session, command);
            Commands.check(runtimeCommand("start", id), COMMAND_TIMEOUT);
            return readPid(session.pidFile());
        } catch (RuntimeFailure e) {
            undoStart(id, session);
            throw e;
        }
    }

    /** Before a run: the runtime forgets a stopped container, and last run's pid and exit files go. */
    private void clearLastRun(String id, Session session) {
        Optional<String> status = runtimeStatus(id);
        if (status.isPresent() && !status.get().equals("stopped")) {
            throw new RuntimeFailure("container " + id + " is already " + status.get());
        }
        if (status.isPresent()) {
            Commands.check(runtimeCommand("delete", id), COMMAND_TIMEOUT);
        }
        stopConmon(session);
        deleteFiles(session.pidFile(), session.conmonPidFile(), session.exitFile(id), session.dir().resolve("exit"),
                session.runtimeLog());
    }

    /** A failed start leaves the container as prepared: no runtime state, no conmon, no pid files. */
    private void undoStart(String id, Session session) {
        if (runtimeStatus(id).isPresent()) {
            Commands.run(runtimeCommand("delete", "--force", id), COMMAND_TIMEOUT);
        }
        stopConmon(session);
        deleteFiles(session.pidFile(), session.conmonPidFile(), session.exitFile(id), session.dir().resolve("exit"));
    }

    /**
     * conmon's parent returns at once; its daemonised child has the runtime create (or exec) the
     * process, which writes the pid file once it exists.
     */
    private void launch(String id, Session session, List<String> command) {
        try {
            Files.createDirectories(session.exitDir());
            Files.createDirectories(session.socketDir());
        } catch (IOException e) {
            throw new RuntimeFailure("cannot create container " + id + "'s runtime dirs: " + e.getMessage(), e);
        }
        Commands.Result conmonResult = Commands.run(command, COMMAND_TIMEOUT);
        if (!conmonResult.ok()) {
            throw new RuntimeFailure(conmonResult.output().isEmpty()
                    ? "conmon failed with exit code " + conmonResult.exitCode() : conmonResult.output());
        }
        long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
        while (!Files.exists(session.pidFile())) {
            boolean conmonGone = Files.exists(session.conmonPidFile())
                    && ProcessHandle.of(readPid(session.conmonPidFile())).map(p -> !p.isAlive()).orElse(true);
            if (conmonGone || System.nanoTime() > deadline) {
                throw new RuntimeFailure(runtimeError(session).orElse("conmon failed to run the runtime for " + id));
            }
            sleep(POLL);
        }
    }

    /** The last error the runtime logged (its --log file holds one JSON object a line). */
    private static Optional<String> runtimeError(Session session) {
        try {
            List<String> lines = Files.readAllLines(session.runtimeLog());
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

    private List<String> conmonCommand(String id, String cuuid, Session session, Path logPath, boolean tty,
            boolean stdin, boolean leaveStdinOpen) {
        List<String> command = new ArrayList<>(List.of(conmon.toString(), "--api-version", "1",
                "-c", id, "-u", cuuid,
                "-r", runtime.toString(),
                "-b", session.bundle().toString(),
                "-p", session.pidFile().toString(),
                "-P", session.conmonPidFile().toString(),
                "-l", "k8s-file:" + logPath.toAbsolutePath(),
                "--exit-dir", session.exitDir().toString(),
                "--socket-dir-path", session.socketDir().toString(),
                "--log-level", "error",
                "--runtime-arg", "--root=" + runtimeRoot,
                "--runtime-arg", "--log=" + session.runtimeLog(),
                "--runtime-arg", "--log-format=json"));
        if (tty) {
            command.add("-t");
        }
        if (stdin) {
            command.add("-i");
            if (leaveStdinOpen) {
                command.add("--leave-stdin-open");
            }
        }
        return command;
    }

    // ---- state and control

    @Override
    public Optional<ContainerState> state(String id) {
        Session session = dirs(id).main();
        Optional<Integer> exitCode = exitCode(id, session.exitFile(id));
        Optional<Instant> finishedAt = exitCode.flatMap(code -> modified(session.exitFile(id)));
        Commands.Result result = Commands.run(runtimeCommand("state", id), COMMAND_TIMEOUT);
        if (!result.ok()) {
            // the runtime forgot the container (deleted); conmon's exit file still tells how it ended
            return exitCode.map(code -> new ContainerState(ContainerState.Status.STOPPED, 0, exitCode, finishedAt));
        }
        try {
            JsonNode state = JSON.readTree(result.output());
            ContainerState.Status status = ContainerState.Status.valueOf(
                    state.path("status").asText().toUpperCase(Locale.ROOT));
            if (status == ContainerState.Status.STOPPED) {
                return Optional.of(new ContainerState(status, 0, exitCode, finishedAt));
            }
            return Optional.of(new ContainerState(status, state.path("pid").asInt(), Optional.empty(), Optional.empty()));
        } catch (IOException | IllegalArgumentException e) {
            throw new RuntimeFailure("unexpected state from " + runtime + ": " + result.output(), e);
        }
    }

    /** The runtime's status word for the container; empty if it does not know it. */
    private Optional<String> runtimeStatus(String id) {
        Commands.Result result = Commands.run(runtimeCommand("state", id), COMMAND_TIMEOUT);
        if (!result.ok()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(result.output()).path("status").asText());
        } catch (IOException e) {
            throw new RuntimeFailure("unexpected state from " + runtime + ": " + result.output(), e);
        }
    }

    @Override
    public void kill(String id, int signal) {
        Commands.check(runtimeCommand("kill", id, Integer.toString(signal)), COMMAND_TIMEOUT);
    }

    @Override
    public void pause(String id) {
        Commands.check(runtimeCommand("pause", id), COMMAND_TIMEOUT);
    }

    @Override
    public void resume(String id) {
        Commands.check(runtimeCommand("resume", id), COMMAND_TIMEOUT);
    }

    @Override
    public List<Integer> processes(String id) {
        String output = Commands.check(runtimeCommand("ps", "--format", "json", id), COMMAND_TIMEOUT);
        try {
            List<Integer> pids = JSON.readValue(output, new TypeReference<List<Integer>>() { });
            return pids == null ? List.of() : List.copyOf(pids);
        } catch (IOException e) {
            throw new RuntimeFailure("unexpected process list from " + runtime + ": " + output, e);
        }
    }

    @Override
    public Optional<ResourceUsage> usage(String id) {
        return cgroups.read(id);
    }

    @Override
    public void update(String id, Resources resources) {
        Dirs dirs = dirs(id);
        JsonNode config = config(id, dirs);
        boolean live = state(id).map(s -> s.status() == ContainerState.Status.RUNNING
                || s.status() == ContainerState.Status.PAUSED).orElse(false);
        if (live) {
            updateLive(id, resources);
        }
        // merged section by section: a limit left at 0 keeps what the bundle had
        ObjectNode current = ((ObjectNode) config.path("linux")).withObjectProperty("resources");
        ObjectNode changed = JSON.valueToTree(OciConfig.limits(resources));
        changed.properties().forEach(section ->
                current.withObjectProperty(section.getKey()).setAll((ObjectNode) section.getValue()));
        try {
            Path tmp = dirs.config().resolveSibling("config.json.tmp");
            JSON.writeValue(tmp.toFile(), config);
            Files.move(tmp, dirs.config(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new RuntimeFailure("cannot write container " + id + "'s limits: " + e.getMessage(), e);
        }
    }

    private void updateLive(String id, Resources resources) {
        List<String> command = runtimeCommand("update");
        addLimit(command, "--memory", resources.memory());
        addLimit(command, "--memory-swap", resources.memorySwap());
        addLimit(command, "--cpu-share", resources.cpuShares());
        addLimit(command, "--cpu-period", resources.cpuPeriod());
        addLimit(command, "--cpu-quota", resources.cpuQuota());
        if (resources.pidsLimit() != 0) {
            command.addAll(List.of("--pids-limit", Long.toString(resources.pidsLimit() > 0 ? resources.pidsLimit() : -1)));
        }
        command.add(id);
        Commands.check(command, COMMAND_TIMEOUT);
    }

    private static void addLimit(List<String> command, String flag, long value) {
        if (value != 0) {
            command.addAll(List.of(flag, Long.toString(value)));
        }
    }

    @Override
    public Optional<ContainerState> awaitExit(String id, Duration timeout) {
        Path exitFile = dirs(id).main().exitFile(id);
        if (!awaitExitFile(id, exitFile, timeout)) {
            return Optional.empty();
        }
        return state(id);
    }

    /** Blocks on the exit watcher rather than looking at the file over and over; then reads the code. */
    private boolean awaitExitFile(String id, Path exitFile, Duration timeout) {
        return exitCode(id, exitFile).isPresent() || exits.await(exitFile, timeout) && exitCode(id, exitFile).isPresent();
    }

    @Override
    public OutputStream stdin(String id) {
        Dirs dirs = dirs(id);
        if (!config(id, dirs).path("annotations").path(OciConfig.OPEN_STDIN_ANNOTATION).asText().equals("true")) {
            throw new RuntimeFailure("container " + id + "'s stdin is not open");
        }
        return AttachSocket.connect(dirs.main().attachSocket(), "container " + id);
    }

    @Override
    public void resize(String id, int rows, int columns) {
        resize(dirs(id).main(), "container " + id, rows, columns);
    }

    /** Writes a resize line to conmon's control FIFO; without a reader (conmon gone) the open fails at once. */
    private static void resize(Session session, String name, int rows, int columns) {
        byte[] line = (WIN_RESIZE_EVENT + " " + rows + " " + columns + "\n").getBytes(StandardCharsets.US_ASCII);
        int fd;
        try {
            fd = Posix.C.open(session.controlFifo().toString(), Posix.O_WRONLY | Posix.O_NONBLOCK | Posix.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new RuntimeFailure(e.getErrorCode() == ENXIO || Files.notExists(session.controlFifo())
                    ? name + " is not running" : "cannot resize " + name + ": errno " + e.getErrorCode(), e);
        }
        try {
            Posix.C.write(fd, line, line.length);
        } catch (LastErrorException e) {
            throw new RuntimeFailure("cannot resize " + name + ": errno " + e.getErrorCode(), e);
        } finally {
            Posix.closeQuietly(fd);
        }
    }

    // ---- exec

    @Override
    public int exec(String id, String execId, ProcessSpec process, boolean stdin, Path logPath) {
        Dirs dirs = dirs(id);
        JsonNode config = config(id, dirs);
        Session session = dirs.exec(execId);
        if (Files.exists(session.dir())) {
            throw new RuntimeFailure("exec " + execId + " already exists in container " + id);
        }
        try {
            Files.createDirectories(session.dir());
            Files.createDirectories(logPath.toAbsolutePath().getParent());
            Users.Resolved user = Users.resolve(process.user(), dirs.rootfs());
            List<String> capabilities = JSON.convertValue(config.path("process").path("capabilities").path("bounding"),
                    new TypeReference<List<String>>() { });
            ProcessSpec withCwd = process.cwd().isEmpty()
                    ? new ProcessSpec(process.args(), process.env(), config.path("process").path("cwd").asText("/"),
                            process.user(), process.tty(), process.rows(), process.columns())
                    : process;
            // an exec runs with the container's no-new-privileges, as dockerd's do; runc applies its seccomp filter
            boolean noNewPrivileges = config.path("process").path("noNewPrivileges").asBoolean(false);
            Map<String, Object> processJson = OciConfig.process(withCwd, process.args(), user, capabilities,
                    noNewPrivileges);
            if (stdin) {
                Files.createFile(session.stdinMarker());
            }
            Path processFile = session.dir().resolve("process.json");
            JSON.writeValue(processFile.toFile(), processJson);
            List<String> command = conmonCommand(id, execId, session, logPath, process.tty(), stdin, false);
            command.addAll(List.of("--exec", "--exec-process-spec", processFile.toString()));
            launch(id, session, command);
            return readPid(session.pidFile());
        } catch (IOException | RuntimeException e) {
            removeExec(session);
            throw e instanceof RuntimeFailure failure ? failure
                    : new RuntimeFailure("cannot exec in container " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Integer> execExitCode(String id, String execId) {
        return exitCode(id, dirs(id).exec(execId).exitFile(id));
    }

    @Override
    public Optional<Integer> awaitExec(String id, String execId, Duration timeout) {
        Path exitFile = dirs(id).exec(execId).exitFile(id);
        return awaitExitFile(id, exitFile, timeout) ? exitCode(id, exitFile) : Optional.empty();
    }

    @Override
    public OutputStream execStdin(String id, String execId) {
        Session session = dirs(id).exec(execId);
        if (!Files.exists(session.stdinMarker())) {
            throw new RuntimeFailure("exec " + execId + "'s stdin is not open");
        }
        return AttachSocket.connect(session.attachSocket(), "exec " + execId);
    }

    @Override
    public void resizeExec(String id, String execId, int rows, int columns) {
        resize(dirs(id).exec(execId), "exec " + execId, rows, columns);
    }

    @Override
    public void deleteExec(String id, String execId) {
        removeExec(dirs(id).exec(execId));
    }

    private void removeExec(Session session) {
        stopConmon(session);
        try {
            FileTrees.delete(session.dir());
        } catch (IOException e) {
            throw new RuntimeFailure("cannot remove exec files in " + session.dir() + ": " + e.getMessage(), e);
        }
    }

    // ---- files

    @Override
    public Path rootfs(String id) {
        Dirs dirs = dirs(id);
        if (!Files.isRegularFile(dirs.config())) {
            throw new RuntimeFailure("container " + id + " is not prepared");
        }
        return dirs.rootfs();
    }

    @Override
    public Optional<Path> writableLayer(String id) {
        Path rootfs = rootfs(id);
        Path upper = dirs(id).bundle().resolve("upper");
        return Files.isDirectory(upper) && Rootfs.isMountPoint(rootfs) ? Optional.of(upper) : Optional.empty();
    }

    // ---- delete

    @Override
    public void delete(String id) {
        Dirs dirs = dirs(id);
        if (runtimeStatus(id).isPresent()) {
            Commands.run(runtimeCommand("kill", id, Integer.toString(SIGKILL)), COMMAND_TIMEOUT);
            Commands.Result deleted = Commands.run(runtimeCommand("delete", "--force", id), COMMAND_TIMEOUT);
            if (!deleted.ok()) {
                throw new RuntimeFailure(deleted.output());
            }
        }
        stopConmon(dirs.main());
        removeFiles(id, dirs);
    }

    /** conmon ends by itself once its process has; one left behind (it failed midway) is killed. */
    private void stopConmon(Session session) {
        if (!Files.exists(session.conmonPidFile())) {
            return;
        }
        int pid;
        try {
            pid = readPid(session.conmonPidFile());
        } catch (RuntimeFailure e) {
            // a pid file cut short: conmon died while writing it
            return;
        }
        ProcessHandle.of(pid).filter(OciRuntime::isConmon).ifPresent(process -> {
            try {
                process.onExit().get(CONMON_EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.warn("conmon {} did not exit with its process; killing it", process.pid());
                process.destroyForcibly();
                process.onExit().join();
            } catch (ExecutionException e) {
                throw new RuntimeFailure("cannot wait for conmon: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeFailure("interrupted while waiting for conmon", e);
            }
        });
    }

    /** The pid file may be stale: only a process that is conmon gets killed. */
    private static boolean isConmon(ProcessHandle process) {
        return process.info().command().map(command -> Path.of(command).getFileName().toString().equals("conmon"))
                .orElse(false);
    }

    /** Removes what the runtime owns in the data dir: the bundle (its rootfs unmounted first), userdata, execs. */
    private void removeFiles(String id, Dirs dirs) {
        try {
            for (Session exec : dirs.execs()) {
                stopConmon(exec);
            }
            Rootfs.unmount(dirs.rootfs());
            FileTrees.delete(dirs.bundle());
            FileTrees.delete(dirs.main().dir());
            FileTrees.delete(dirs.execRoot());
        } catch (IOException e) {
            throw new RuntimeFailure("cannot remove container " + id + "'s bundle: " + e.getMessage(), e);
        }
    }

    // ---- helpers

    private List<String> runtimeCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(runtime.toString(), "--root", runtimeRoot.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private Dirs dirs(String id) {
        return new Dirs(containersRoot.resolve(id));
    }

    private static JsonNode config(String id, Dirs dirs) {
        if (!Files.isRegularFile(dirs.config())) {
            throw new RuntimeFailure("container " + id + " is not prepared");
        }
        try {
            return JSON.readTree(dirs.config().toFile());
        } catch (IOException e) {
            throw new RuntimeFailure("cannot read container " + id + "'s config: " + e.getMessage(), e);
        }
    }

    private static Optional<Integer> exitCode(String id, Path exitFile) {
        try {
            String text = Files.readString(exitFile, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(text));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            throw new RuntimeFailure("cannot read " + id + "'s exit code: " + e.getMessage(), e);
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

    private static void deleteFiles(Path... files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new RuntimeFailure("cannot remove " + file + ": " + e.getMessage(), e);
            }
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

        Path config() {
            return bundle().resolve("config.json");
        }

        Path rootfs() {
            return bundle().resolve("rootfs");
        }

        Session main() {
            return new Session(bundle(), dataDir.resolve("userdata"));
        }

        Path execRoot() {
            return dataDir.resolve("exec");
        }

        Session exec(String execId) {
            if (execId.isEmpty() || execId.contains("/") || execId.startsWith(".")) {
                throw new RuntimeFailure("invalid exec ID " + execId);
            }
            Path dir = execRoot().resolve(execId);
            return new Session(dir, dir);
        }

        List<Session> execs() throws IOException {
            List<Session> execs = new ArrayList<>();
            if (!Files.isDirectory(execRoot())) {
                return execs;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(execRoot())) {
                for (Path entry : entries) {
                    execs.add(new Session(entry, entry));
                }
            }
            return execs;
        }
    }
}
