package wharf.daemon.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ExecutionException;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import wharf.engine.api.ConflictError;
import wharf.engine.api.Filters;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.JobError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.NotModifiedError;
import wharf.engine.api.SystemError;
import wharf.engine.api.container.ContainerPruneReport;
import wharf.engine.api.container.CreateContainer;
import wharf.engine.api.container.CreatedContainer;
import wharf.engine.api.container.HostConfig;
import wharf.engine.api.container.ImageUsers;
import wharf.engine.api.container.PendingExit;
import wharf.engine.api.container.UpdateContainer;
import wharf.engine.api.container.WaitContainer;
import wharf.engine.api.container.WaitResult;
import wharf.engine.api.event.EventBus;
import wharf.engine.api.image.ContainerConfig;
import wharf.engine.api.image.ImageRootfs;
import wharf.engine.api.system.ContainerCounts;
import wharf.runtime.api.ContainerRuntime;
import wharf.runtime.api.ContainerState;
import wharf.runtime.api.Resources;
import wharf.runtime.api.RuntimeFailure;
import wharf.runtime.api.RuntimeSpec;

/**
 * The containers of this daemon: their records under {@code <data-root>/containers}, their
 * lifecycle on the runtime, exit monitoring with restart policies and auto-remove, and their
 * events. Containers outlive this component: deactivation only stops watching them, and
 * activation finds them again.
 */
@Component(service = {Containers.class, ContainerDaemon.class}, immediate = true)
public final class ContainerDaemon implements Containers {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerDaemon.class);
    /** Framework property the launcher sets from {@code --data-root}. */
    static final String DATA_ROOT = "wharf.data.root";
    static final String DEFAULT_DATA_ROOT = "/var/lib/wharf";
    private static final Duration WATCH_WINDOW = Duration.ofMillis(500);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final int DEFAULT_STOP_TIMEOUT = 10;
    private static final int UNKNOWN_EXIT = 255;

    private final ContainerFiles files;
    private final ContainerRuntime runtime;
    private final ContainerEvents events;
    private final Map<String, Container> byId = new ConcurrentHashMap<>();
    /** Names (without the leading /) reserved or in use, to the ID that holds them. */
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wharf-restarts");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;
    /** Set while a container prune runs: dockerd runs one at a time. */
    private final AtomicBoolean pruning = new AtomicBoolean();

    @Activate
    public ContainerDaemon(BundleContext context, @Reference ContainerRuntime runtime, @Reference EventBus bus)
            throws IOException {
        this(dataRoot(context).resolve("containers"), runtime, bus);
    }

    ContainerDaemon(Path root, ContainerRuntime runtime, EventBus bus) throws IOException {
        this.files = new ContainerFiles(root);
        this.runtime = runtime;
        this.events = new ContainerEvents(bus);
        restore();
    }

    private static Path dataRoot(BundleContext context) {
        String root = context.getProperty(DATA_ROOT);
        return Path.of(root == null || root.isBlank() ? DEFAULT_DATA_ROOT : root);
    }

    /** Stops watching; the containers keep running. */
    @Deactivate
    public void close() {
        closed = true;
        scheduler.shutdownNow();
    }

    // ---- the Containers service ----------------------------------------------------------------

    @Override
    public ContainerView get(String name) {
        ContainerRecord r = lookup(name).record();
        return new ContainerView(r.id(), r.bareName(), r.config(), r.hostConfig(), r.status(), r.log());
    }

    @Override
    public CompletionStage<Void> runEnded(String id, boolean nextRun) {
        Container c = lookup(id);
        c.lock.lock();
        try {
            if (!c.record().running() && !nextRun) {
                return CompletableFuture.completedFuture(null);
            }
            return c.nextExit().thenApply(code -> null);
        } finally {
            c.lock.unlock();
        }
    }

    @Override
    public void event(String id, String action, Map<String, String> extra) {
        events.publish(lookup(id).record(), action, extra);
    }

    @Override
    public void exec(String id, String execId, boolean present) {
        lookup(id).exec(execId, present);
    }

    // ---- lookup --------------------------------------------------------------------------------

    /** By full ID, by name (with or without /), then by unique ID prefix, as moby's {@code GetContainer}. */
    Container lookup(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidParameterError("invalid container name or ID: value is empty");
        }
        Container c = byId.get(name);
        if (c != null) {
            return c;
        }
        String id = names.get(Names.strip(name));
        if (id != null && (c = byId.get(id)) != null) {
            return c;
        }
        List<Container> matches = byId.values().stream().filter(x -> x.id.startsWith(name)).limit(2).toList();
        if (matches.size() > 1) {
            throw new InvalidParameterError("multiple IDs found with provided prefix: " + name);
        }
        if (matches.isEmpty()) {
            throw new NotFoundError("No such container: " + name);
        }
        return matches.get(0);
    }

    /** Every container's current record, for lists and counts. */
    List<ContainerRecord> records() {
        return byId.values().stream().map(Container::record).toList();
    }

    List<String> execIds(String id) {
        Container c = byId.get(id);
        return c == null ? List.of() : c.execIds();
    }

    Path dir(String id) {
        return files.dir(id);
    }

    ContainerCounts counts() {
        int running = 0;
        int paused = 0;
        int stopped = 0;
        for (ContainerRecord r : records()) {
            switch (r.status()) {
                case "paused" -> paused++;
                case "running", "restarting" -> running++;
                default -> stopped++;
            }
        }
        return new ContainerCounts(running + paused + stopped, running, paused, stopped);
    }

    // ---- create --------------------------------------------------------------------------------

    /** The checks that come before the image is looked up. */
    static HostConfig checkHostConfig(CreateContainer request) {
        if (request.config() == null) {
            throw new InvalidParameterError("Config cannot be empty in order to create a container");
        }
        HostConfig hc = request.hostConfig() == null ? HostConfig.empty() : request.hostConfig();
        ContainerSetup.validate(hc);
        return ContainerSetup.complete(hc);
    }

    /**
     * Creates a container from its image: files, the runtime's bundle, then the record. A
     * failure anywhere removes what was made and releases the name.
     */
    CreatedContainer create(CreateContainer request, ImageRootfs image) {
        HostConfig hc = checkHostConfig(request);
        ContainerConfig merged = ContainerSetup.merge(request.config(), image.config());
        List<String> argv = ContainerSetup.command(merged);
        String requested = request.name() == null || request.name().isEmpty() ? null : Names.validate(request.name());
        String id = Ids.generate();
        String hostname = merged.hostname().isEmpty() ? defaultHostname(id, hc) : merged.hostname();
        merged = ContainerSetup.withHostname(merged, hostname);
        String name = reserve(requested, id);
        Path dir = files.dir(id);
        boolean prepared = false;
        try {
            files.writeNetworkFiles(id, hostname, hc);
            ContainerSetup.Mounts mounts = ContainerSetup.mounts(hc, dir);
            ContainerRecord record = new ContainerRecord(id, GoTime.format(Instant.now()), argv.get(0),
                    argv.subList(1, argv.size()), merged, hc, image.id(), "/" + name, States.created(), 0, false,
                    false, dir.resolve(ContainerFiles.LOG).toString(), dir.resolve("hostname").toString(),
                    dir.resolve("hosts").toString(), dir.resolve("resolv.conf").toString(),
                    image.layers().stream().map(Path::toString).toList(), mounts.points());
            RuntimeSpec spec = ContainerSetup.spec(record, image.layers(), mounts.specs(), dir);
            runtime.prepare(spec);
            prepared = true;
            files.save(record);
            byId.put(id, new Container(record));
            events.publish(record, "create", Map.of());
            return new CreatedContainer(id, List.of());
        } catch (IOException | RuntimeException e) {
            undoCreate(id, name, prepared);
            if (e instanceof JobError error) {
                throw error;
            }
            throw new SystemError(e.getMessage(), e);
        }
    }

    private void undoCreate(String id, String name, boolean prepared) {
        byId.remove(id);
        try {
            if (prepared) {
                runtime.delete(id);
            }
            files.delete(id);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot clean up after the failed create of {}: {}", id, e.getMessage());
        }
        names.remove(name, id);
    }

    /** The short ID, or the host's name on the host network, as dockerd does. */
    private static String defaultHostname(String id, HostConfig hc) {
        if (hc.networkMode().equals("host")) {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return Ids.shortId(id);
            }
        }
        return Ids.shortId(id);
    }

    /** Takes a name for an ID: the one asked for (409 if taken) or a generated one. */
    private String reserve(String name, String id) {
        if (name != null) {
            String holder = names.putIfAbsent(name, id);
            if (holder != null) {
                throw new ConflictError("Conflict. The container name \"/" + name + "\" is already in use by container \""
                        + holder + "\". You have to remove (or rename) that container to be able to reuse that name.");
            }
            return name;
        }
        for (int attempt = 0;; attempt++) {
            String generated = Names.generate(attempt);
            if (names.putIfAbsent(generated, id) == null) {
                return generated;
            }
        }
    }

    // ---- start ---------------------------------------------------------------------------------

    /** The start job: 304 when it runs; a new restart policy run, as a start by the user begins one. */
    void start(String name) {
        Container c = lookup(name);
        c.lock.lock();
        try {
            ContainerRecord r = c.record();
            checkNotRemoving(c, name);
            if (r.status().equals("paused")) {
                throw new ConflictError("cannot start a paused container, try unpause instead");
            }
            if (r.running()) {
                throw new NotModifiedError("Container " + r.id() + " is already running");
            }
            resetRestarts(c);
            startLocked(c);
        } finally {
            c.lock.unlock();
        }
    }

    private static void checkNotRemoving(Container c, String name) {
        if (c.removing) {
            throw new ConflictError("removal of container " + name + " is already in progress");
        }
    }

    /** moby's {@code ResetRestartManager(true)}: a fresh policy run with RestartCount 0. */
    private void resetRestarts(Container c) {
        c.cancelPendingRestart();
        ContainerRecord r = c.record();
        c.update(r.withRun(r.state(), 0, r.startedBefore(), false));
        c.restarts = new RestartManager(r.hostConfig().restartPolicy(), 0);
    }

    /** Starts the container on the runtime and watches it; the caller holds its lock. */
    private void startLocked(Container c) {
        ContainerRecord r = c.record();
        int pid;
        try {
            pid = runtime.start(r.id());
        } catch (RuntimeFailure e) {
            StartFailure failure = StartFailure.of(r.path(), e.getMessage());
            c.update(r.withState(States.failed(r.state(), failure.message(), failure.exitCode())));
            save(c);
            CompletableFuture<Integer> ended = c.endRun();
            later(() -> ended.complete(failure.exitCode()));
            if (r.hostConfig().autoRemove()) {
                later(() -> removeQuietly(c));
            }
            throw failure.error();
        }
        c.update(r.withRun(States.running(r.state(), pid, Instant.now()), r.restartCount(), true,
                r.manuallyStopped()));
        applyLimits(r);
        save(c);
        events.publish(c.record(), "start", Map.of());
        watch(c);
    }

    // ---- exits and restarts --------------------------------------------------------------------

    /** One daemon thread per running container, waiting for its exit in short windows so it can stop. */
    private void watch(Container c) {
        long run = ++c.run;
        Thread t = new Thread(() -> awaitExit(c, run), "wharf-exit-" + Ids.shortId(c.id));
        t.setDaemon(true);
        t.start();
    }

    private void awaitExit(Container c, long run) {
        while (!closed && !c.removed.isDone()) {
            try {
                Optional<ContainerState> state = runtime.awaitExit(c.id, WATCH_WINDOW);
                if (state.isPresent()) {
                    exited(c, run, state.get());
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warn("Cannot learn whether container {} still runs: {}", c.id, e.getMessage());
                sleep(WATCH_WINDOW);
            }
        }
    }

    /** The run ended: record it, say {@code die}, wake the waiters, then restart or auto-remove. */
    private void exited(Container c, long run, ContainerState state) {
        int code = state.exitCode().orElse(UNKNOWN_EXIT);
        CompletableFuture<Integer> ended;
        boolean autoRemove;
        c.lock.lock();
        try {
            ContainerRecord r = c.record();
            if (c.run != run || !r.running() || closed) {
                return;
            }
            Instant finished = state.finishedAt().orElse(Instant.now());
            Instant started = GoTime.parse(r.state().startedAt());
            Duration ran = started == null ? Duration.ZERO : Duration.between(started, finished);
            Duration delay = c.manualRestart || c.removing ? null
                    : c.restarts.shouldRestart(code, r.manuallyStopped(), ran);
            if (delay != null) {
                c.update(r.withRun(States.restarting(r.state(), code, finished), r.restartCount() + 1, true,
                        r.manuallyStopped()));
                c.pendingRestart = scheduler.schedule(() -> restartAfterDelay(c), delay.toMillis(),
                        TimeUnit.MILLISECONDS);
            } else {
                c.update(r.withState(States.exited(r.state(), code, finished)));
            }
            save(c);
            events.publish(c.record(), "die", Map.of("exitCode", Integer.toString(code)));
            ended = c.endRun();
            autoRemove = delay == null && r.hostConfig().autoRemove() && !c.manualRestart && !c.removing;
        } finally {
            c.lock.unlock();
        }
        ended.complete(code);
        if (autoRemove) {
            removeQuietly(c);
        }
    }

    private void restartAfterDelay(Container c) {
        c.lock.lock();
        try {
            ContainerRecord r = c.record();
            if (c.removing || !r.status().equals("restarting")) {
                return;
            }
            if (c.restarts.cancelled()) {
                stopRestarting(c);
                return;
            }
            try {
                startLocked(c);
            } catch (JobError e) {
                LOG.warn("Container {} could not be restarted: {}", c.id, e.getMessage());
                stopRestarting(c);
            }
        } finally {
            c.lock.unlock();
        }
    }

    /** A restarting container that will not run again becomes exited with its last exit code. */
    private void stopRestarting(Container c) {
        ContainerRecord r = c.record();
        if (r.status().equals("restarting")) {
            c.update(r.withState(States.exited(r.state(), r.state().exitCode(), GoTime.parse(r.state().finishedAt()))));
            save(c);
        }
    }

    // ---- stop, kill, restart -------------------------------------------------------------------

    /** The stop job: the stop signal, {@code timeout} seconds, then SIGKILL; 304 if it does not run. */
    void stop(String name, String signal, Integer timeout) {
        Container c = lookup(name);
        int sig;
        int seconds;
        CompletableFuture<Integer> exit;
        c.lock.lock();
        try {
            ContainerRecord r = c.record();
            checkNotRemoving(c, name);
            if (!r.running()) {
                throw new NotModifiedError("Container " + r.id() + " is not running");
            }
            sig = signal == null || signal.isEmpty() ? stopSignal(r) : Signals.parse(signal);
            seconds = timeout != null ? timeout
                    : r.config().stopTimeout() != null ? r.config().stopTimeout() : DEFAULT_STOP_TIMEOUT;
            c.cancelPendingRestart();
            if (r.status().equals("restarting")) {
                c.update(r.withManuallyStopped(true));
                stopRestarting(c);
                events.publish(c.record(), "stop", Map.of());
                return;
            }
            exit = c.nextExit();
            signalLocked(c, sig);
        } finally {
            c.lock.unlock();
        }
        if (!await(exit, seconds < 0 ? null : Duration.ofSeconds(seconds))) {
            c.lock.lock();
            try {
                if (!exit.isDone()) {
                    signalLocked(c, Signals.SIGKILL);
                }
            } finally {
                c.lock.unlock();
            }
            if (!await(exit, KILL_WAIT.multipliedBy(3))) {
                throw new SystemError("container " + c.id + " did not exit after SIGKILL");
            }
        }
        events.publish(c.record(), "stop", Map.of());
    }

    private static int stopSignal(ContainerRecord r) {
        String s = r.config().stopSignal();
        return s == null || s.isEmpty() ? Signals.SIGTERM : Signals.parse(s);
    }

    /** The kill job: SIGKILL unless a signal is named; 409 if it does not run. */
    void kill(String name, String signal) {
        int sig = signal == null || signal.isEmpty() ? Signals.SIGKILL : Signals.parse(signal);
        Container c = lookup(name);
        CompletableFuture<Integer> exit;
        c.lock.lock();
        try {
            ContainerRecord r = c.record();
            if (!r.running()) {
                throw new ConflictError("Cannot kill container: " + name + ": Container " + r.id() + " is not running");
            }
            boolean ends = sig == Signals.SIGKILL || sig == stopSignal(r);
            if (ends) {
                c.cancelPendingRestart();
            }
            if (r.status().equals("restarting")) {
                // nothing runs to signal; telling the restart not to happen is enough (as moby)
                c.update(r.withManuallyStopped(true));
                save(c);
                if (ends) {
                    stopRestarting(c);
                }
                events.publish(c.record(), "kill", Map.of("signal", Integer.toString(sig)));
                return;
            }
            exit = c.nextExit();
            signalLocked(c, sig);
        } finally {
            c.lock.unlock();
        }
        // as dockerd's Kill: a SIGKILL returns once the container has gone
        if (sig == Signals.SIGKILL) {
            await(exit, KILL_WAIT);
        }
    }

    /**
     * Sends a signal as moby's {@code killWithSignal}: marks the container stopped by the user,
     * ends its restart policy for the stop signal and SIGKILL (and thaws it so that the signal
     * lands), and says {@code kill}. The caller holds the lock.
     */
    private void signalLocked(Container c, int sig) {
        ContainerRecord r = c.record();
        boolean ends = sig == Signals.SIGKILL || sig == stopSignal(r);
        if (ends) {
            c.cancelPendingRestart();
        }
        c.update(r.withManuallyStopped(true));
        save(c);
        try {
            runtime.kill(c.id, sig);
        } catch (RuntimeFailure e) {
            if (runtime.state(c.id).map(s -> s.status() != ContainerState.Status.STOPPED).orElse(false)) {
                throw new SystemError("Cannot kill container " + c.id + ": " + e.getMessage(), e);
            }
        }
        events.publish(c.record(), "kill", Map.of("signal", Integer.toString(sig)));
        if (ends && r.status().equals("paused")) {
            runtime.resume(c.id);
            c.update(c.record().withState(States.paused(c.record().state(), false)));
            save(c);
        }
    }

    /** The restart job: stop if it runs (its exit no business of the restart policy), start, {@code restart}. */
    void restart(String name, String signal, Integer timeout) {
        Container c = lookup(name);
        c.lock.lock();
        try {
            c.manualRestart = true;
        } finally {
            c.lock.unlock();
        }
        try {
            if (c.record().running()) {
                stop(c.id, signal, timeout);
            }
        } catch (NotModifiedError e) {
            // it stopped on its own meanwhile
        } finally {
            c.lock.lock();
            try {
                c.manualRestart = false;
            } finally {
                c.lock.unlock();
            }
        }
        c.lock.lock();
        try {
            checkNotRemoving(c, name);
            if (!c.record().running()) {
                resetRestarts(c);
                startLocked(c);
            }
        } finally {
            c.lock.unlock();
        }
        events.publish(c.record(), "restart", Map.of());
    }

    // ---- pause, resize -------------------------------------------------------------------------

    void pause(String name, boolean pause) {
        Container c = lookup(name);
        c.lock.lock();
        try {
            ContainerRecord r = c.record();
            if (!r.running()) {
                throw new ConflictError("Container " + r.id() + " is not running");
            }
            if (r.status().equals("restarting")) {
                throw new ConflictError("Container " + r.id() + " is restarting, wait until the container is running");
            }
            boolean paused = r.status().equals("paused");
            if (pause && paused) {
                throw new ConflictError("Container " + r.id() + " is already paused");
            }
            if (!pause && !paused) {
                throw new ConflictError("Container " + r.id() + " is not paused");
            }
            try {
                if (pause) {
                    runtime.pause(r.id());
                } else {
                    runtime.resume(r.id());
                }
            } catch (RuntimeFailure e) {
                throw new SystemError(e.getMessage(), e);
            }
            c.update(r.withState(States.paused(r.state(), pause)));
            save(c);
            events.publish(c.record(), pause ? "pause" : "unpause", Map.of());
        } finally {
            c.lock.unlock();
        }
    }

    void resize(String name, int height, int width) {
        Container c = lookup(name);
        ContainerRecord r = c.record();
        if (!r.running() || r.status().equals("restarting")) {
            throw new ConflictError("Container " + r.id() + " is not running");
        }
        try {
            runtime.resize(r.id(), height, width);
        } catch (RuntimeFailure e) {
            throw new SystemError(e.getMessage(), e);
        }
        events.publish(r, "resize", Map.of("height", Integer.toString(height), "width", Integer.toString(width)));
    }

    // ---- wait ----------------------------------------------------------------------------------

    PendingExit await(String name, WaitContainer.Condition condition) {
        Container c = lookup(name);
        CompletableFuture<Integer> exit;
        c.lock.lock();
        try {
            ContainerRecord r = c.record();
            exit = switch (condition) {
                case NOT_RUNNING -> r.running() ? c.nextExit() : CompletableFuture.completedFuture(r.state().exitCode());
                case NEXT_EXIT -> c.nextExit();
                case REMOVED -> c.removed;
            };
        } finally {
            c.lock.unlock();
        }
        return new PendingExit(exit.thenApply(code -> WaitResult.of(code)));
    }

    // ---- remove --------------------------------------------------------------------------------

    /** The rm job: force kills first; the runtime's bundle, then the dir, then the name go; {@code destroy}. */
    void remove(String name, boolean force, boolean link) {
        if (link) {
            throw new InvalidParameterError("Conflict, cannot remove the default link name of the container");
        }
        Container c = lookup(name);
        CompletableFuture<Integer> exit = null;
        c.lock.lock();
        try {
            checkNotRemoving(c, name);
            ContainerRecord r = c.record();
            if (r.running()) {
                if (!force) {
                    String procedure = "Stop the container before attempting removal or force remove";
                    if (r.status().equals("paused")) {
                        procedure = "Unpause and then " + procedure.toLowerCase(Locale.ROOT);
                    }
                    throw new ConflictError("You cannot remove a " + r.status() + " container " + r.id() + ". "
                            + procedure);
                }
                c.cancelPendingRestart();
                if (!r.status().equals("restarting")) {
                    exit = c.nextExit();
                    signalLocked(c, Signals.SIGKILL);
                }
            }
            c.removing = true;
        } finally {
            c.lock.unlock();
        }
        if (exit != null) {
            await(exit, KILL_WAIT);
        }
        removeNow(c);
    }

    private void removeNow(Container c) {
        CompletableFuture<Integer> ended;
        c.lock.lock();
        try {
            c.removing = true;
            ContainerRecord r = c.record();
            c.update(r.withState(States.removing(r.state())));
            try {
                runtime.delete(c.id);
                files.delete(c.id);
            } catch (IOException | RuntimeException e) {
                c.removing = false;
                c.update(r);
                throw new SystemError("unable to remove container " + c.id + ": " + e.getMessage(), e);
            }
            byId.remove(c.id);
            names.remove(r.bareName(), c.id);
            ended = c.endRun();
            events.publish(r, "destroy", Map.of());
            c.removed.complete(r.state().exitCode());
            ended.complete(r.state().exitCode());
        } finally {
            c.lock.unlock();
        }
    }

    /** Auto-remove after an exit or a failed start; one already removed is fine. */
    private void removeQuietly(Container c) {
        if (c.removed.isDone() || !byId.containsKey(c.id)) {
            return;
        }
        try {
            removeNow(c);
        } catch (JobError e) {
            LOG.warn("Cannot auto-remove container {}: {}", c.id, e.getMessage());
        }
    }

    // ---- rename, update, prune ----------------------------------------------------------------

    /** The rename job, as moby's {@code ContainerRename}: the new name is taken before the old one goes. */
    void rename(String name, String newName) {
        if (name == null || name.isEmpty() || newName == null || newName.isEmpty()) {
            throw new InvalidParameterError("Neither old nor new names may be empty");
        }
        String wanted = newName.startsWith("/") ? newName : "/" + newName;
        Container c = lookup(name);
        c.lock.lock();
        try {
            ContainerRecord r = c.record();
            if (r.name().equals(wanted)) {
                throw new InvalidParameterError("Renaming a container with the same name as its current name");
            }
            String bare;
            try {
                bare = reserve(Names.validate(wanted), c.id);
            } catch (InvalidParameterError | ConflictError e) {
                String message = "Error when allocating new name: " + e.getMessage();
                throw e instanceof ConflictError ? new ConflictError(message) : new InvalidParameterError(message);
            }
            c.update(r.withName(wanted));
            try {
                save(c);
            } catch (SystemError e) {
                c.update(r);
                names.remove(bare, c.id);
                throw e;
            }
            names.remove(r.bareName(), c.id);
            events.publish(c.record(), "rename", Map.of("oldName", r.name()));
        } finally {
            c.lock.unlock();
        }
    }

    /**
     * The update job, as moby's {@code ContainerUpdate}: a running container gets the new limits
     * now, a stopped one at its next start; the host config keeps them either way.
     */
    void update(String name, UpdateContainer.Resources update) {
        Container c = lookup(name);
        c.lock.lock();
        try {
            ContainerRecord r = c.record();
            if (c.removing || r.status().equals("dead")) {
                throw new SystemError("Cannot update container " + r.id()
                        + ": container is marked for removal and cannot be \"update\"");
            }
            HostConfig updated = ContainerUpdates.apply(r.id(), r.hostConfig(), update);
            if (r.running() && !r.status().equals("restarting")) {
                try {
                    runtime.update(r.id(), ContainerUpdates.changed(update));
                } catch (RuntimeFailure e) {
                    throw new SystemError("Cannot update container " + r.id() + ": " + e.getMessage(), e);
                }
            }
            c.update(r.withHostConfig(updated));
            save(c);
            if (!updated.restartPolicy().equals(r.hostConfig().restartPolicy())) {
                c.restarts = new RestartManager(updated.restartPolicy(), r.restartCount());
            }
            events.publish(c.record(), "update", Map.of());
        } finally {
            c.lock.unlock();
        }
    }

    /**
     * The config.json of a container holds the limits it was created with; after an update while
     * it was stopped, the start must bring the running container to the host config's limits.
     * The caller holds the lock; a failure leaves the container running with the old limits.
     */
    private void applyLimits(ContainerRecord r) {
        Resources limits = ContainerSetup.resources(r.hostConfig());
        if (limits.equals(Resources.NONE)) {
            return;
        }
        try {
            runtime.update(r.id(), limits);
        } catch (RuntimeFailure e) {
            LOG.warn("Cannot apply the limits of container {} at its start: {}", r.id(), e.getMessage());
        }
    }

    /**
     * The container prune job, as moby's {@code ContainersPrune}: every container that does not
     * run, created before {@code until} and matching the labels, is removed; one that cannot be
     * is skipped. One prune at a time.
     */
    ContainerPruneReport prune(Filters filters) {
        Filters f = filters.validate(Set.of("until", "label", "label!"));
        java.util.Set<String> untils = f.get("until");
        if (untils.size() > 1) {
            throw new InvalidParameterError("more than one until filter specified");
        }
        Instant until = untils.isEmpty() ? null : FilterTime.timestamp(untils.iterator().next(), Instant.now());
        if (!pruning.compareAndSet(false, true)) {
            throw new ConflictError("a prune operation is already running");
        }
        try {
            List<String> deleted = new ArrayList<>();
            long reclaimed = 0;
            for (ContainerRecord r : records()) {
                if (r.running() || until != null && Instant.parse(r.created()).isAfter(until)
                        || !prunable(f, r.config().labels())) {
                    continue;
                }
                long size = ContainerFiles.size(files.dir(r.id()).resolve("bundle/upper"));
                try {
                    remove(r.id(), false, false);
                } catch (JobError e) {
                    LOG.warn("Failed to prune container {}: {}", r.id(), e.getMessage());
                    continue;
                }
                reclaimed += size;
                deleted.add(r.id());
            }
            events.prune(reclaimed);
            return new ContainerPruneReport(deleted.isEmpty() ? null : deleted, reclaimed);
        } finally {
            pruning.set(false);
        }
    }

    /** moby's prune {@code matchLabels}: every {@code label} holds, no {@code label!} does. */
    static boolean prunable(Filters f, Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        return f.matchKeyValues("label", l) && (!f.contains("label!") || !f.matchKeyValues("label!", l));
    }

    /** The containers made from the image, oldest first. */
    ImageUsers imageUsers(String imageId) {
        return new ImageUsers(records().stream()
                .filter(r -> imageId.equals(r.imageId()))
                .sorted(Comparator.comparing(ContainerRecord::created))
                .map(r -> new ImageUsers.User(r.id(), r.running()))
                .toList());
    }

    // ---- restore -------------------------------------------------------------------------------

    /**
     * Reads every record back and asks the runtime about each: a container that still runs is
     * watched again; one that stopped while no daemon watched is marked exited with its code and
     * then restarted or removed as its policy says (moby's {@code restore}). A dir without a record
     * is a create that never finished, and goes.
     */
    private void restore() throws IOException {
        List<Container> toStart = new ArrayList<>();
        List<Container> toRemove = new ArrayList<>();
        for (String id : files.ids()) {
            if (!files.hasRecord(id)) {
                LOG.info("Removing {}, a container whose create did not finish", id);
                try {
                    runtime.delete(id);
                } catch (RuntimeException e) {
                    LOG.warn("Cannot delete {} from the runtime: {}", id, e.getMessage());
                }
                files.delete(id);
                continue;
            }
            ContainerRecord r;
            try {
                r = files.read(id);
            } catch (IOException e) {
                LOG.error("Cannot read container {}: {}", id, e.getMessage());
                continue;
            }
            Container c = new Container(r);
            byId.put(id, c);
            names.put(r.bareName(), id);
            restoreState(c, toStart, toRemove);
        }
        // after every record is back, so that names and lookups work while these run
        toStart.forEach(c -> later(() -> startOnRestore(c)));
        toRemove.forEach(c -> later(() -> removeQuietly(c)));
    }

    private void restoreState(Container c, List<Container> toStart, List<Container> toRemove) {
        ContainerRecord r = c.record();
        Optional<ContainerState> state = Optional.empty();
        try {
            state = runtime.state(c.id);
        } catch (RuntimeException e) {
            LOG.warn("Cannot learn the state of container {}: {}", c.id, e.getMessage());
        }
        if (r.running()) {
            ContainerState.Status status = state.map(ContainerState::status).orElse(ContainerState.Status.STOPPED);
            if (status == ContainerState.Status.RUNNING || status == ContainerState.Status.PAUSED) {
                boolean paused = status == ContainerState.Status.PAUSED;
                c.update(r.withState(States.paused(States.stillRunning(r.state(), state.get().pid()), paused)));
                save(c);
                watch(c);
                return;
            }
            int code = state.flatMap(ContainerState::exitCode).orElse(UNKNOWN_EXIT);
            Instant finished = state.flatMap(ContainerState::finishedAt).orElse(Instant.now());
            c.update(r.withState(States.exited(r.state(), code, finished)));
            save(c);
            r = c.record();
        }
        if (!r.status().equals("exited") || !r.startedBefore()) {
            return;
        }
        Instant started = GoTime.parse(r.state().startedAt());
        Instant finished = GoTime.parse(r.state().finishedAt());
        Duration ran = started == null || finished == null ? Duration.ZERO : Duration.between(started, finished);
        // the policy's count goes on from the record: on-failure:2 that has restarted twice stays down
        if (new RestartManager(r.hostConfig().restartPolicy(), r.restartCount()).shouldRestart(r.state().exitCode(),
                r.manuallyStopped(), ran) != null) {
            toStart.add(c);
        } else if (r.hostConfig().autoRemove()) {
            toRemove.add(c);
        }
    }

    private void startOnRestore(Container c) {
        c.lock.lock();
        try {
            if (!c.record().running() && !c.removing) {
                startLocked(c);
            }
        } catch (JobError e) {
            LOG.warn("Container {} could not be started again: {}", c.id, e.getMessage());
        } finally {
            c.lock.unlock();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void save(Container c) {
        try {
            files.save(c.record());
        } catch (IOException e) {
            throw new SystemError("cannot write container " + c.id + ": " + e.getMessage(), e);
        }
    }

    /** Waits for a run's end; null waits for ever. False if it did not end in time. */
    private static boolean await(CompletableFuture<Integer> exit, Duration timeout) {
        try {
            if (timeout == null) {
                exit.get();
            } else {
                exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SystemError("interrupted while waiting for the container to exit", e);
        } catch (ExecutionException e) {
            return true;
        }
    }

    /**
     * Runs work off the caller's thread and outside its lock (waiters' callbacks, removals); on
     * the caller's thread once this component is closed.
     */
    private void later(Runnable work) {
        try {
            scheduler.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            work.run();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
