package wharf.daemon.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Cancellation;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.ContainerLogs;
import wharf.engine.api.container.ContainerStream;

/**
 * The {@code logs} job: {@code GET /containers/{name}/logs}, read from the k8s-file conmon
 * writes. As with dockerd's json-file driver, {@code tail} counts records of both streams before
 * the stream filter (docker-java relies on that), each partial record is a write of its own, and
 * {@code follow} ends with the container's current run — at once after the backlog for a
 * container that does not run.
 */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=logs")
public final class LogsJob implements JobHandler<ContainerLogs, ContainerStream> {
    private final Containers containers;

    @Activate
    public LogsJob(@Reference Containers containers) {
        this.containers = containers;
    }

    @Override
    public ContainerStream handle(Job<ContainerLogs> job) {
        ContainerLogs input = job.input();
        if (!input.stdout() && !input.stderr()) {
            throw new InvalidParameterError("You must choose at least one stream");
        }
        ContainerView view = containers.get(input.name());
        LogFollower follower = new LogFollower(view.logPath(),
                new LogFollower.Window(input.tail(), input.since(), input.until()));
        return new ContainerStream() {
            @Override
            public boolean tty() {
                return view.config().tty();
            }

            @Override
            public void run(InputStream stdin, OutputStream stdout, OutputStream stderr, Cancellation cancellation)
                    throws IOException {
                CompletionStage<Void> runEnded = input.follow() ? containers.runEnded(view.id(), false) : null;
                follower.copy(0, new K8sLogWriter(stdout, stderr, input.stdout(), input.stderr(), input.timestamps()),
                        runEnded, cancellation::isCancelled);
            }
        };
    }
}
