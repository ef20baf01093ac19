package wharf.daemon.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import wharf.engine.api.ConflictError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.container.ExecConfig;
import wharf.engine.api.image.ContainerConfig;
import wharf.runtime.api.ContainerRuntime;
import wharf.runtime.api.ProcessSpec;
import wharf.runtime.api.RuntimeFailure;

/**
 * Starts an exec's process through the runtime and sees it to its end: records its exit, emits
 * {@code exec_start} and {@code exec_die} as dockerd does, and removes its log and runtime files
 * once the process has exited and its stream has read the log.
 */
final class ExecLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(ExecLauncher.class);
    /** dockerd 20.10 reports this for any exec that cannot start, a missing command included. */
    static final int CANNOT_START = 126;
    private static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Duration AWAIT_SLICE = Duration.ofSeconds(2);

    private final Containers containers;
    private final ContainerRuntime runtime;

    ExecLauncher(Containers containers, ContainerRuntime runtime) {
        this.containers = containers;
        this.runtime = runtime;
    }

    /**
     * dockerd's checks before an exec: the container runs and is neither paused nor restarting.
     * The paused message names the container as the client did, the others by ID (as 20.10 does).
     */
    static void requireActive(ContainerView container, String name) {
        switch (container.status()) {
            case "paused" -> throw new ConflictError(
                    "Container " + name + " is paused, unpause the container before exec");
            case "restarting" -> throw new ConflictError(
                    "Container " + container.id() + " is restarting, wait until the container is running");
            case "running" -> { }
            default -> throw new ConflictError("Container " + container.id() + " is not running");
        }
    }

    /** Where conmon writes the exec's output: beside the container's log, outside the runtime's dirs. */
    static Path logPath(ContainerView container, String execId) {
        return container.logPath().resolveSibling("exec-logs").resolve(execId + ".log");
    }

    /**
     * The process as dockerd builds it: the container's environment (with PATH, HOSTNAME and for
     * a terminal TERM in front) overridden and extended by the exec's, and the container's user
     * and working dir unless the exec names its own.
     */
    static ProcessSpec processSpec(ContainerView container, ExecConfig exec, boolean tty) {
        ContainerConfig config = container.config();
        List<String> env = new ArrayList<>();
        env.add(DEFAULT_PATH);
        env.add("HOSTNAME=" + (config.hostname() == null ? "" : config.hostname()));
        if (tty) {
            env.add("TERM=xterm");
        }
        replaceOrAppend(env, config.env());
        replaceOrAppend(env, exec.env());
        String user = exec.user().isEmpty() && config.user() != null ? config.user() : exec.user();
        String cwd = exec.workingDir().isEmpty() && config.workingDir() != null ? config.workingDir()
                : exec.workingDir();
        List<Integer> size = exec.consoleSize();
        boolean sized = size != null && size.size() == 2;
        return new ProcessSpec(exec.cmd(), env, cwd, user, tty, sized ? size.get(0) : 0, sized ? size.get(1) : 0);
    }

    /**
     * Runs the exec's process and watches it on a thread of its own until it exits.
     *
     * @param streamDone completes once nobody reads the exec's log any longer
     * @throws RuntimeFailure with the runtime's message when it cannot start; the exec's exit
     *         code is then {@value #CANNOT_START}
     */
    void launch(ContainerView container, ExecRecord exec, ProcessSpec process,
            CompletionStage<?> streamDone) {
        String id = container.id();
        Path log = logPath(container, exec.id());
        containers.event(id, "exec_start: " + exec.commandLine(), Map.of("execID", exec.id()));
        int pid;
        try {
            Files.createDirectories(log.getParent());
            pid = runtime.exec(id, exec.id(), process, exec.config().attachStdin(), log);
        } catch (IOException | RuntimeFailure e) {
            exec.exited(CANNOT_START);
            containers.exec(id, exec.id(), false);
            deleteLog(log);
            throw e instanceof RuntimeFailure failure ? failure
                    : new RuntimeFailure("cannot create " + log.getParent() + ": " + e.getMessage(), e);
        }
        exec.running(pid);
        Thread watcher = new Thread(() -> watch(id, exec), "wharf-exec-" + Ids.shortId(exec.id()));
        watcher.setDaemon(true);
        watcher.start();
        exec.ended().thenCombine(streamDone.toCompletableFuture(), (a, b) -> null)
                .thenRun(() -> cleanUp(id, exec.id(), log));
    }

    private void watch(String id, ExecRecord exec) {
        Optional<Integer> code = Optional.empty();
        try {
            while (code.isEmpty() && containerExists(id)) {
                code = runtime.awaitExec(id, exec.id(), AWAIT_SLICE);
            }
        } catch (RuntimeFailure e) {
            LOG.warn("cannot wait for exec {} in container {}: {}", exec.id(), id, e.getMessage());
        }
        exec.exited(code.orElse(null));
        if (code.isEmpty()) {
            return;
        }
        try {
            containers.event(id, "exec_die", Map.of("execID", exec.id(), "exitCode", code.get().toString()));
            containers.exec(id, exec.id(), false);
        } catch (NotFoundError e) {
            LOG.debug("container {} went away with exec {}", id, exec.id());
        }
    }

    private boolean containerExists(String id) {
        try {
            containers.get(id);
            return true;
        } catch (NotFoundError e) {
            return false;
        }
    }

    private void cleanUp(String id, String execId, Path log) {
        deleteLog(log);
        try {
            runtime.deleteExec(id, execId);
        } catch (RuntimeFailure e) {
            LOG.debug("cannot remove exec {}'s runtime files: {}", execId, e.getMessage());
        }
    }

    private static void deleteLog(Path log) {
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            LOG.warn("cannot remove exec log {}: {}", log, e.toString());
        }
    }

    /** moby's ReplaceOrAppendEnvValues: a later {@code KEY=…} replaces an earlier one of the same key. */
    private static void replaceOrAppend(List<String> env, List<String> overrides) {
        if (overrides == null) {
            return;
        }
        for (String entry : overrides) {
            String key = entry.contains("=") ? entry.substring(0, entry.indexOf('=')) : entry;
            int at = -1;
            for (int i = 0; i < env.size(); i++) {
                String existing = env.get(i);
                if (existing.equals(key) || existing.startsWith(key + "=")) {
                    at = i;
                    break;
                }
            }
            if (!entry.contains("=")) {
                // A bare key removes the variable (moby: "KEY" without a value unsets it).
                if (at >= 0) {
                    env.remove(at);
                }
            } else if (at >= 0) {
                env.set(at, entry);
            } else {
                env.add(entry);
            }
        }
    }
}
