package wharf.daemon.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.CreateExec;
import wharf.engine.api.container.CreatedExec;
import wharf.engine.api.container.ExecConfig;

/** The {@code exec_create} job: {@code POST /containers/{name}/exec}. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=exec_create")
public final class ExecCreateJob implements JobHandler<CreateExec, CreatedExec> {
    private final Containers containers;
    private final ExecStore execs;

    @Activate
    public ExecCreateJob(@Reference Containers containers, @Reference ExecStore execs) {
        this.containers = containers;
        this.execs = execs;
    }

    @Override
    public CreatedExec handle(Job<CreateExec> job) {
        ExecConfig config = job.input().config();
        // dockerd's router checks the command before it looks the container up.
        if (config.cmd().isEmpty()) {
            throw new InvalidParameterError("No exec command specified");
        }
        ContainerView container = containers.get(job.input().container());
        ExecLauncher.requireActive(container, job.input().container());
        try {
            DetachKeys.parse(config.detachKeys());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterError("Invalid escape keys (" + config.detachKeys() + ") provided", e);
        }
        ExecRecord exec = execs.add(container.id(), config);
        containers.exec(container.id(), exec.id(), true);
        containers.event(container.id(), "exec_create: " + exec.commandLine(), Map.of("execID", exec.id()));
        return new CreatedExec(exec.id());
    }
}
