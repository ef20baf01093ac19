package wharf.daemon.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import wharf.engine.api.container.ExecConfig;
import wharf.engine.api.container.ExecInspect;

/**
 * One exec instance, kept in memory only (as dockerd keeps them): its config, whether it was
 * started, its pid while it runs and its exit code once it has exited.
 */
final class ExecRecord {
    private final String id;
    private final String containerId;
    private final ExecConfig config;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Void> launched = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile boolean running;
    private volatile Integer exitCode;
    private volatile long pid;

    ExecRecord(String id, String containerId, ExecConfig config) {
        this.id = id;
        this.containerId = containerId;
        this.config = config;
    }

    String id() {
        return id;
    }

    String containerId() {
        return containerId;
    }

    ExecConfig config() {
        return config;
    }

    /** The argv's first word. */
    String entrypoint() {
        return config.cmd().get(0);
    }

    List<String> arguments() {
        return config.cmd().subList(1, config.cmd().size());
    }

    /** moby's action text: the entrypoint, a space, the arguments (so a bare command keeps a trailing space). */
    String commandLine() {
        return entrypoint() + " " + String.join(" ", arguments());
    }

    /** True for the one caller that may start the exec. */
    boolean claimStart() {
        return started.compareAndSet(false, true);
    }

    boolean started() {
        return started.get();
    }

    boolean running() {
        return running;
    }

    void running(long processId) {
        pid = processId;
        running = true;
        launched.complete(null);
    }

    /** The process has exited with this code, or (null) its container went away first. */
    void exited(Integer code) {
        exitCode = code;
        running = false;
        launched.complete(null);
        ended.complete(null);
    }

    /** Completes once the process runs or could not start: what a resize right after start waits for. */
    CompletableFuture<Void> launched() {
        return launched;
    }

    /** Completes once the process has exited or could not start. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    ExecInspect inspect() {
        return new ExecInspect(id, running, exitCode,
                new ExecInspect.ProcessConfig(config.tty(), entrypoint(), arguments(), config.privileged(),
                        config.user()),
                config.attachStdin(), config.attachStderr(), config.attachStdout(), false, containerId,
                config.detachKeys(), pid);
    }
}
