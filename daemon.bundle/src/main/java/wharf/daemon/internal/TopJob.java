package wharf.daemon.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.ConflictError;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.SystemError;
import wharf.engine.api.container.ContainerTop;
import wharf.engine.api.container.TopContainer;
import wharf.runtime.api.ContainerRuntime;

/**
 * The {@code top} job: {@code GET /containers/{name}/top}. As dockerd, it runs the host's
 * {@code ps} with the client's arguments (first narrowed to the container's pids with {@code -q},
 * then, if ps refuses that combination, without) and keeps the container's rows ({@link PsTable}).
 */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=top")
public final class TopJob implements JobHandler<TopContainer, ContainerTop> {
    private static final long PS_TIMEOUT_SECONDS = 30;

    private final Containers containers;
    private final ContainerRuntime runtime;

    @Activate
    public TopJob(@Reference Containers containers, @Reference ContainerRuntime runtime) {
        this.containers = containers;
        this.runtime = runtime;
    }

    @Override
    public ContainerTop handle(Job<TopContainer> job) {
        List<String> args = PsTable.arguments(job.input().psArgs());
        ContainerView view = containers.get(job.input().name());
        if (view.status().equals("restarting")) {
            throw new ConflictError("Container " + view.id() + " is restarting, wait until the container is running");
        }
        if (!view.running()) {
            throw new ConflictError("Container " + view.id() + " is not running");
        }
        List<Integer> pids = runtime.processes(view.id());
        List<String> narrowed = new ArrayList<>(args);
        narrowed.add(PsTable.pidsArgument(pids));
        Ps ps = ps(narrowed);
        if (ps.exit() != 0) {
            ps = ps(args);
            if (ps.exit() != 0) {
                throw new SystemError("ps: " + ps.reason());
            }
        }
        return PsTable.parse(ps.stdout(), new HashSet<>(pids));
    }

    /** One run of ps. */
    private record Ps(int exit, String stdout, String stderr) {
        /** As Go's exec error with moby's rewrite: ps's first line on stderr, else the exit status. */
        String reason() {
            String first = stderr.lines().findFirst().orElse("");
            return first.isEmpty() ? "exit status " + exit : first;
        }
    }

    private static Ps ps(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("ps");
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new SystemError("ps: " + e.getMessage(), e);
        }
        try {
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String stdout = read(process.getInputStream());
            if (!process.waitFor(PS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new SystemError("ps: no answer in " + PS_TIMEOUT_SECONDS + " s");
            }
            return new Ps(process.exitValue(), stdout, stderr.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SystemError("ps: interrupted", e);
        } catch (ExecutionException e) {
            throw new SystemError("ps: " + e.getCause().getMessage(), e.getCause());
        } finally {
            process.destroyForcibly();
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
