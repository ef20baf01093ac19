package wharf.daemon.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.SystemError;
import wharf.engine.api.container.ContainerChanges;
import wharf.engine.api.container.ContainerName;
import wharf.runtime.api.ContainerRuntime;

/**
 * The {@code changes} job: {@code GET /containers/{name}/changes}, read from the overlay's upper
 * dir against the image's layers ({@link LayerChanges}), leaving out the files dockerd keeps in
 * its init layer. A rootfs the runtime had to copy (no
 * overlayfs) has no separate layer to read: that is a 500 saying so, rather than a guess.
 */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=changes")
public final class ChangesJob implements JobHandler<ContainerName, ContainerChanges> {
    private final ContainerDaemon daemon;
    private final ContainerRuntime runtime;

    @Activate
    public ChangesJob(@Reference ContainerDaemon daemon, @Reference ContainerRuntime runtime) {
        this.daemon = daemon;
        this.runtime = runtime;
    }

    @Override
    public ContainerChanges handle(Job<ContainerName> job) {
        ContainerRecord r = daemon.lookup(job.input().name()).record();
        Path upper = runtime.writableLayer(r.id()).orElseThrow(() -> new SystemError(
                "changes are not supported for container " + r.id() + ": its root filesystem is a copy, "
                        + "not an overlay with a writable layer"));
        try {
            return new ContainerChanges(LayerChanges.withoutInitLayer(
                    LayerChanges.of(upper, r.layers().stream().map(Path::of).toList())));
        } catch (IOException e) {
            throw new SystemError("cannot read the changes of container " + r.id() + ": " + e.getMessage(), e);
        }
    }
}
