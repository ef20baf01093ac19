package wharf.daemon.internal;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.ConflictError;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.AttachContainer;
import wharf.engine.api.container.ContainerStream;
import wharf.runtime.api.ContainerRuntime;

/**
 * The {@code attach} job: {@code POST /containers/{name}/attach}. With {@code logs} the log is
 * replayed first; with {@code stream} the output that follows is live until the container's run
 * ends — the current run, or for a container that does not run the one its next start begins
 * (how {@code docker run} and {@code start -a} attach before they start).
 */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=attach")
public final class AttachJob implements JobHandler<AttachContainer, ContainerStream> {
    private final Containers containers;
    private final ContainerRuntime runtime;

    @Activate
    public AttachJob(@Reference Containers containers, @Reference ContainerRuntime runtime) {
        this.containers = containers;
        this.runtime = runtime;
    }

    @Override
    public ContainerStream handle(Job<AttachContainer> job) throws IOException {
        AttachContainer input = job.input();
        ContainerView view = containers.get(input.name());
        if (view.status().equals("paused")) {
            // dockerd 20.10's words, with the name as the client gave it.
            throw new ConflictError("container " + input.name() + " is paused, unpause the container before attach");
        }
        byte[] detachKeys;
        try {
            detachKeys = DetachKeys.parse(input.detachKeys());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterError("Invalid detach keys (" + input.detachKeys() + ") provided", e);
        }
        long live = LogFollower.end(view.logPath());
        CompletionStage<Void> runEnded = input.stream() ? containers.runEnded(view.id(), !view.running()) : null;
        boolean stdin = input.stdin() && input.stream() && view.config().openStdin();
        String id = view.id();
        containers.event(id, "attach", Map.of());
        return new AttachStream("attach-" + Ids.shortId(id), view.config().tty(), view.logPath(),
                input.logs() ? 0 : live, runEnded, input.stdout(), input.stderr(),
                stdin ? () -> runtime.stdin(id) : null, detachKeys);
    }
}
