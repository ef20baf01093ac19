package wharf.daemon.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.ConflictError;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.ResizeTerminal;
import wharf.runtime.api.ContainerRuntime;
import wharf.runtime.api.RuntimeFailure;

/** The {@code exec_resize} job: {@code POST /exec/{id}/resize}. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=exec_resize")
public final class ExecResizeJob implements JobHandler<ResizeTerminal, Void> {
    private static final long LAUNCH_WAIT_SECONDS = 10;
    private final ExecStore execs;
    private final ContainerRuntime runtime;

    @Activate
    public ExecResizeJob(@Reference ExecStore execs, @Reference ContainerRuntime runtime) {
        this.execs = execs;
        this.runtime = runtime;
    }

    @Override
    public Void handle(Job<ResizeTerminal> job) throws InterruptedException {
        ResizeTerminal input = job.input();
        ExecRecord exec = execs.get(input.name());
        if (exec.started()) {
            // The client resizes as soon as its stream is up, which may be before the process runs.
            try {
                exec.launched().get(LAUNCH_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                throw new ConflictError("Exec " + exec.id() + " is not running");
            }
        }
        if (!exec.running()) {
            // The CLI resizes right after start and ignores a 409 from a process already gone.
            throw new ConflictError("Exec " + exec.id() + " is not running");
        }
        try {
            runtime.resizeExec(exec.containerId(), exec.id(), input.height(), input.width());
        } catch (RuntimeFailure e) {
            throw new ConflictError(e.getMessage(), e);
        }
        return null;
    }
}
