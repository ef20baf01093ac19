package example.metrics.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Engine;
import wharf.engine.api.JobIO;
import wharf.server.api.ApiRequest;
import wharf.server.api.ApiResponse;
import wharf.server.api.Route;
import wharf.server.api.RouteGroup;
import wharf.server.api.RouteGroupName;

/** Group {@code metrics}: {@code GET /metrics} on the API listeners, for Prometheus to scrape. */
@Component(service = RouteGroup.class)
@RouteGroupName("metrics")
public final class MetricsRoutes implements RouteGroup {
    private final Engine engine;

    @Activate
    public MetricsRoutes(@Reference Engine engine) {
        this.engine = engine;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                // GET
                Route.get("/metrics", this::metrics));
    }

    /** Thin, as handlers are: run the job, write its text. */
    private void metrics(ApiRequest req, ApiResponse resp) throws IOException {
        String text = engine.run(MetricsJobs.SCRAPE, null, JobIO.of(req.cancellation()));
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        HttpServletResponse r = resp.servlet();
        r.setStatus(200);
        r.setContentType(Exposition.CONTENT_TYPE);
        r.setContentLength(body.length);
        r.getOutputStream().write(body);
    }
}
