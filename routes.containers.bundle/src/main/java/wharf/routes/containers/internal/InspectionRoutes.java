package wharf.routes.containers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.engine.api.Engine;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.JobIO;
import wharf.engine.api.container.ContainerJobs;
import wharf.engine.api.container.ContainerName;
import wharf.engine.api.container.ContainerStream;
import wharf.engine.api.container.StatsContainer;
import wharf.engine.api.container.TopContainer;
import wharf.server.api.ApiRequest;
import wharf.server.api.ApiResponse;
import wharf.server.api.ApiVersion;

/**
 * The handlers of the inspection routes, export, changes, top and stats (moby's
 * {@code container_routes.go} {@code getContainersExport} … {@code getContainersStats}); their
 * routes are listed in {@link ContainerRoutes#routes()}.
 */
final class InspectionRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(InspectionRoutes.class);
    /** {@code one-shot} came with API 1.41. */
    private static final ApiVersion V1_41 = new ApiVersion(1, 41);

    private final Engine engine;

    InspectionRoutes(Engine engine) {
        this.engine = engine;
    }

    /** A tar of the root filesystem; the job finds the container first, so a missing one is a plain 404. */
    void export(ApiRequest req, ApiResponse resp) throws IOException {
        ContainerStream tar = engine.run(ContainerJobs.EXPORT, new ContainerName(req.var("name")),
                JobIO.of(req.cancellation()));
        run(req, tar, resp.stream("application/octet-stream"), "export of " + req.var("name"));
    }

    void changes(ApiRequest req, ApiResponse resp) throws IOException {
        resp.json(engine.run(ContainerJobs.CHANGES, new ContainerName(req.var("name"))));
    }

    void top(ApiRequest req, ApiResponse resp) throws IOException {
        resp.json(engine.run(ContainerJobs.TOP, new TopContainer(req.var("name"), req.query("ps_args", ""))));
    }

    /** Streaming answers carry no Content-Type, as dockerd's; a single sample is JSON. */
    void stats(ApiRequest req, ApiResponse resp) throws IOException {
        boolean stream = req.bool("stream", true);
        boolean oneShot = req.version().isAtLeast(V1_41) && req.bool("one-shot", false);
        if (stream && oneShot) {
            throw new InvalidParameterError("cannot have stream=true and one-shot=true");
        }
        ContainerStream samples = engine.run(ContainerJobs.STATS, new StatsContainer(req.var("name"), stream, oneShot),
                JobIO.of(req.cancellation()));
        run(req, samples, resp.stream(stream ? null : "application/json"), "stats of " + req.var("name"));
    }

    /**
     * Runs a stream whose answer has gone out: a failure can then only cut the body short, and a
     * client that left is no error.
     */
    private static void run(ApiRequest req, ContainerStream stream, OutputStream out, String origin) {
        try {
            stream.run(InputStream.nullInputStream(), out, OutputStream.nullOutputStream(), req.cancellation());
        } catch (IOException | RuntimeException e) {
            if (req.cancellation().isCancelled()) {
                LOG.info("{}: the client went away", origin);
                return;
            }
            LOG.error("{}: the stream failed: {}", origin, e.getMessage(), e);
        }
    }
}
