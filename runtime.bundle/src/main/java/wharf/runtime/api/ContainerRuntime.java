package wharf.runtime.api;

import java.time.Duration;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs containers with an OCI runtime (runc or crun) under conmon, which holds the container's
 * stdio and exit code so a container outlives the process that started it. Containers are named
 * by the ID given in {@link RuntimeSpec#id()}.
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
     * Starts a prepared container under conmon; returns once the container's process runs.
     *
     * @return the container's pid on the host
     * @throws RuntimeFailure with the runtime's message if the container cannot start
     */
    int start(String id);

    /** The container's state as the runtime and conmon's exit file tell it; empty if unknown. */
    Optional<ContainerState> state(String id);

    /** Sends a signal (a number, as kill(2) takes) to the container's process. */
    void kill(String id, int signal);

    /**
     * Waits until the container has exited.
     *
     * @return its final state, or empty if it still runs when the timeout ends
     */
    Optional<ContainerState> awaitExit(String id, Duration timeout);

    /**
     * Deletes the container from the runtime, unmounts its rootfs and removes its bundle and
     * runtime data. Does nothing for an unknown ID; a running container is killed first.
     */
    void delete(String id);
}
