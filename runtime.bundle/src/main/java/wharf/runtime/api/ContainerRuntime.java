package wharf.runtime.api;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs containers with an OCI runtime (runc or crun) under conmon, which holds the container's
 * stdio, terminal and exit code so a container outlives the process that started it. Containers
 * are named by the ID given in {@link RuntimeSpec#id()}; their files sit in
 * {@code <data-root>/containers/<id>}, so a restarted daemon finds them by ID alone. Output is
 * never read from the runtime: conmon writes it to the log path (CRI k8s-file), which the caller
 * follows.
 */
@ProviderType
public interface ContainerRuntime {

    /**
     * Writes the container's OCI bundle (config.json and the mounted rootfs) under its data dir.
     *
     * @throws RuntimeFailure if the bundle cannot be written or the rootfs not mounted; nothing is
     *         left behind then
     */
    void prepare(RuntimeSpec spec);

    /**
     * Starts a prepared container under conmon; returns once the container's process runs. A
     * container that has stopped is started again (its rootfs and writable layer kept).
     *
     * @return the container's pid on the host
     * @throws RuntimeFailure with the runtime's message if the container cannot start; the
     *         container is then left prepared, as before the call
     */
    int start(String id);

    /** The container's state as the runtime and conmon's exit file tell it; empty if unknown. */
    Optional<ContainerState> state(String id);

    /** Sends a signal (a number, as kill(2) takes) to the container's main process. */
    void kill(String id, int signal);

    /** Freezes every process of the container. */
    void pause(String id);

    /** Thaws a paused container. */
    void resume(String id);

    /** The host pids of the container's processes. */
    List<Integer> processes(String id);

    /**
     * Reads the running container's cgroup (the runtime decides where it is, v1 or v2) and the
     * host's CPU time, for stats.
     *
     * @return empty when the container has no cgroup, as when it does not run
     */
    Optional<ResourceUsage> usage(String id);

    /**
     * Changes a container's cgroup limits (a limit of 0 stays as it is): a running or paused
     * container's at once, and the bundle's for every later start, running or not.
     */
    void update(String id, Resources resources);

    /**
     * Waits until the container has exited.
     *
     * @return its final state, or empty if it still runs when the timeout ends
     */
    Optional<ContainerState> awaitExit(String id, Duration timeout);

    /**
     * The main process's stdin (for a container prepared with {@code openStdin}). Closing the
     * stream ends this writer; the container's stdin closes with it when the container was
     * prepared with {@code stdinOnce}.
     *
     * @throws RuntimeFailure if the container does not run or its stdin is not open
     */
    OutputStream stdin(String id);

    /** Resizes the container's terminal. */
    void resize(String id, int rows, int columns);

    /**
     * Runs a further process in a running container under conmon, its output written to
     * {@code logPath} (CRI k8s-file).
     *
     * @param execId names the process among the container's execs
     * @param stdin whether its stdin stays open for {@link #execStdin}
     * @return its pid on the host
     */
    int exec(String id, String execId, ProcessSpec process, boolean stdin, Path logPath);

    /** An exec'd process's exit code once it has exited. */
    Optional<Integer> execExitCode(String id, String execId);

    /** Waits for an exec'd process to exit; empty if it still runs when the timeout ends. */
    Optional<Integer> awaitExec(String id, String execId, Duration timeout);

    /** An exec'd process's stdin; closing it closes the process's stdin. */
    OutputStream execStdin(String id, String execId);

    /** Resizes an exec'd process's terminal. */
    void resizeExec(String id, String execId, int rows, int columns);

    /** Removes an exec'd process's files once it has exited. */
    void deleteExec(String id, String execId);

    /**
     * The container's root filesystem as mounted on the host: the merged overlay (or the copy
     * where overlayfs is unavailable). It stays mounted from {@link #prepare} to {@link #delete},
     * running or not. Callers that read or write in it must resolve paths inside it without
     * following links out of it.
     *
     * @throws RuntimeFailure if the container is not prepared
     */
    Path rootfs(String id);

    /**
     * The container's writable layer: the overlay's upper dir, where deletions are overlayfs
     * whiteouts (0/0 character devices, {@code trusted.overlay.opaque} dirs). Empty when the
     * rootfs is a copy, which has no separate layer.
     */
    Optional<Path> writableLayer(String id);

    /**
     * Deletes the container from the runtime, unmounts its rootfs and removes its bundle and
     * runtime data. Does nothing for an unknown ID; a running container is killed first.
     */
    void delete(String id);
}
