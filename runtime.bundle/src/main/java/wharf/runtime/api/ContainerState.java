package wharf.runtime.api;

import java.time.Instant;
import java.util.Optional;

/**
 * A container's state as the runtime reports it.
 *
 * @param status where the container is in its life
 * @param pid its process on the host; 0 once stopped
 * @param exitCode its exit code once stopped (128 + signal if a signal ended it)
 * @param finishedAt when it stopped, as conmon recorded it
 */
public record ContainerState(Status status, int pid, Optional<Integer> exitCode, Optional<Instant> finishedAt) {

    /** The OCI runtime's states. */
    public enum Status {
        CREATED, RUNNING, PAUSED, STOPPED
    }
}
