package wharf.graph.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.image.AuthConfig;
import wharf.engine.api.image.AuthResult;

/** The {@code auth} job: {@code POST /auth}, the credentials checked against the registry they name. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=auth")
public final class AuthJob implements JobHandler<AuthConfig, AuthResult> {
    private final Registries registries;

    @Activate
    public AuthJob(@Reference Registries registries) {
        this.registries = registries;
    }

    @Override
    public AuthResult handle(Job<AuthConfig> job) throws Exception {
        return registries.client().login(job.input(), job.cancellation());
    }
}
