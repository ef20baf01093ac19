package wharf.daemon.internal;

import java.nio.file.Path;

import wharf.engine.api.container.HostConfig;
import wharf.engine.api.image.ContainerConfig;

/**
 * A snapshot of one container for the stream and exec jobs.
 *
 * @param id the full 64-hex ID
 * @param name without the leading {@code /}
 * @param status created, running, paused, restarting, removing, exited or dead
 * @param logPath the k8s-file conmon writes the container's output to
 */
public record ContainerView(String id, String name, ContainerConfig config, HostConfig hostConfig, String status,
        Path logPath) {

    public boolean running() {
        return status.equals("running") || status.equals("paused") || status.equals("restarting");
    }
}
