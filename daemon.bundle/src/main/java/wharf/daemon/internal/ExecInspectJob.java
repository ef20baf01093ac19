package wharf.daemon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.container.ExecInspect;
import wharf.engine.api.container.ExecName;

/** The {@code exec_inspect} job: {@code GET /exec/{id}/json}. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=exec_inspect")
public final class ExecInspectJob implements JobHandler<ExecName, ExecInspect> {
    private final ExecStore execs;

    @Activate
    public ExecInspectJob(@Reference ExecStore execs) {
        this.execs = execs;
    }

    @Override
    public ExecInspect handle(Job<ExecName> job) {
        return execs.get(job.input().id()).inspect();
    }
}
