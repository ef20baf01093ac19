package wharf.daemon.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import wharf.engine.api.Cancellation;
import wharf.engine.api.ConflictError;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.ContainerStream;
import wharf.engine.api.container.StartExec;
import wharf.runtime.api.ContainerRuntime;
import wharf.runtime.api.ProcessSpec;
import wharf.runtime.api.RuntimeFailure;

/**
 * The {@code exec_start} job: {@code POST /exec/{id}/start}. Detached, the process starts here
 * and a failure is the job's error. Attached, it starts when the stream runs — after the route
 * has answered — so that, as with dockerd, a process that cannot start writes the runtime's
 * error into the stream and the client learns the exit code from exec inspect.
 */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=exec_start")
public final class ExecStartJob implements JobHandler<StartExec, ContainerStream> {
    private static final Logger LOG = LoggerFactory.getLogger(ExecStartJob.class);

    private final Containers containers;
    private final ExecStore execs;
    private final ContainerRuntime runtime;
    private final ExecLauncher launcher;

    @Activate
    public ExecStartJob(@Reference Containers containers, @Reference ExecStore execs,
            @Reference ContainerRuntime runtime) {
        this.containers = containers;
        this.execs = execs;
        this.runtime = runtime;
        this.launcher = new ExecLauncher(containers, runtime);
    }

    @Override
    public ContainerStream handle(Job<StartExec> job) {
        StartExec input = job.input();
        ExecRecord exec = execs.get(input.id());
        if (exec.started()) {
            throw alreadyStarted(exec);
        }
        ContainerView container = containers.get(exec.containerId());
        ExecLauncher.requireActive(container, exec.containerId());
        if (!exec.claimStart()) {
            throw alreadyStarted(exec);
        }
        boolean tty = input.tty() || exec.config().tty();
        ProcessSpec process = ExecLauncher.processSpec(container, exec.config(), tty);
        if (input.detach()) {
            launcher.launch(container, exec, process, CompletableFuture.completedFuture(null));
            return new Detached(tty);
        }
        return new Attached(container, exec, process, tty);
    }

    /** dockerd's words, "Error: " included. */
    private static ConflictError alreadyStarted(ExecRecord exec) {
        return new ConflictError(exec.running() ? "Error: Exec command " + exec.id() + " is already running"
                : "Error: Exec command " + exec.id() + " has already run");
    }

    /** {@code exec -d}: the process runs on its own; the client gets an empty answer. */
    private record Detached(boolean tty) implements ContainerStream {
        @Override
        public void run(InputStream stdin, OutputStream stdout, OutputStream stderr, Cancellation cancellation) {
            // Nothing to stream: the route answers 200 with an empty body.
        }
    }

    /** The process's output from its log's start until it exits, and the client's stdin if asked. */
    private final class Attached implements ContainerStream {
        private final ContainerView container;
        private final ExecRecord exec;
        private final ProcessSpec process;
        private final boolean tty;

        Attached(ContainerView container, ExecRecord exec, ProcessSpec process, boolean tty) {
            this.container = container;
            this.exec = exec;
            this.process = process;
            this.tty = tty;
        }

        @Override
        public boolean tty() {
            return tty;
        }

        @Override
        public void run(InputStream stdin, OutputStream stdout, OutputStream stderr, Cancellation cancellation)
                throws IOException {
            CompletableFuture<Void> streamDone = new CompletableFuture<>();
            try {
                try {
                    launcher.launch(container, exec, process, streamDone);
                } catch (RuntimeFailure e) {
                    LOG.debug("exec {} in container {} cannot start: {}", exec.id(), container.id(), e.getMessage());
                    stdout.write((e.getMessage() + "\r\n").getBytes(StandardCharsets.UTF_8));
                    stdout.flush();
                    return;
                }
                String containerId = container.id();
                String execId = exec.id();
                new AttachStream("exec-" + Ids.shortId(execId), tty, ExecLauncher.logPath(container, execId), 0,
                        exec.ended(), exec.config().attachStdout(), exec.config().attachStderr(),
                        exec.config().attachStdin() ? () -> runtime.execStdin(containerId, execId) : null,
                        detachKeys()).run(stdin, stdout, stderr, cancellation);
            } finally {
                streamDone.complete(null);
            }
        }

        /** An exec's own keys, else the default: dockerd warns and falls back rather than failing. */
        private byte[] detachKeys() {
            try {
                return DetachKeys.parse(exec.config().detachKeys());
            } catch (IllegalArgumentException e) {
                return DetachKeys.parse(null);
            }
        }
    }
}
