package wharf.itests.leak;

import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import wharf.server.api.ProgressStream;
import wharf.server.api.Route;
import wharf.server.api.RouteGroup;

/**
 * The activator of the route bundle the class-loader test updates ({@link wharf.itests.TestBundles#recordBundle}):
 * group {@code leak}, whose handlers hand the server's JSON mappers a record class of this bundle
 * each way (written as JSON, read from a request body, written into a progress stream), so that
 * Jackson's caches learn it.
 */
public final class RecordRoutes implements BundleActivator {
    /** What the routes answer: the serving bundle's version. */
    public record Answer(String version, List<String> words) {
    }

    @Override
    public void start(BundleContext context) {
        String version = context.getBundle().getVersion().toString();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(RouteGroup.NAME, "leak");
        RouteGroup group = () -> List.of(
                Route.get("/leak/answer", (req, resp) -> resp.json(new Answer(version, List.of("get")))),
                Route.post("/leak/answer", (req, resp) -> {
                    Answer sent = req.json(Answer.class);
                    resp.json(new Answer(version, sent.words()));
                }),
                Route.get("/leak/progress", (req, resp) -> {
                    try (ProgressStream progress = resp.progress()) {
                        progress.aux(new Answer(version, List.of("aux")));
                    }
                }));
        context.registerService(RouteGroup.class, group, properties);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the group with the bundle
    }
}
