package wharf.daemon.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Cancellation;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.ContainerName;
import wharf.engine.api.container.ContainerStream;
import wharf.runtime.api.ContainerRuntime;

/**
 * The {@code export} job: {@code GET /containers/{name}/export}, a tar of the container's merged
 * root filesystem as mounted on the host, running or not. Its mounts (volumes, /proc, /sys) live in
 * the container's mount namespace, so their mount points are empty here, as in dockerd's export.
 */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=export")
public final class ExportJob implements JobHandler<ContainerName, ContainerStream> {
    private final Containers containers;
    private final ContainerRuntime runtime;

    @Activate
    public ExportJob(@Reference Containers containers, @Reference ContainerRuntime runtime) {
        this.containers = containers;
        this.runtime = runtime;
    }

    @Override
    public ContainerStream handle(Job<ContainerName> job) {
        ContainerView view = containers.get(job.input().name());
        Path rootfs = runtime.rootfs(view.id());
        return new ContainerStream() {
            @Override
            public boolean tty() {
                return false;
            }

            @Override
            public void run(InputStream stdin, OutputStream stdout, OutputStream stderr, Cancellation cancellation)
                    throws IOException {
                RootfsTar.write(rootfs, stdout, cancellation::isCancelled);
            }
        };
    }
}
