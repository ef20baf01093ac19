package wharf.server.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;

/** Docker 1.2's {@code acceptconnections}: opens the gate once the daemon is ready. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=acceptconnections")
public final class AcceptConnectionsJob implements JobHandler<Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptConnectionsJob.class);

    private final ServerState state;

    @Activate
    public AcceptConnectionsJob(@Reference ServerState state) {
        this.state = state;
    }

    @Override
    public Void handle(Job<Void> job) {
        state.gate().open();
        LOG.info("Daemon has completed initialization");
        return null;
    }
}
