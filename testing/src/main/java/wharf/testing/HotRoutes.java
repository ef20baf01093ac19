package wharf.testing;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import wharf.server.api.Route;
import wharf.server.api.RouteGroup;

/**
 * The activator of the route bundles the in-framework and end-to-end tests build and hot-install:
 * it registers group {@code hot} with one GET route, at the path its manifest names, answering
 * {@code {"version": <the bundle's version>}}, so a test sees which revision serves. The class
 * is copied into each test jar on its own (a private copy, its package not imported), so it uses
 * only the framework and the route toolkit, which those jars import.
 */
public final class HotRoutes implements BundleActivator {
    /** Manifest header: the route's path. */
    public static final String PATH = "Wharf-Test-Route";
    /** Manifest header: the group's service ranking. */
    public static final String RANKING = "Wharf-Test-Ranking";

    @Override
    public void start(BundleContext context) {
        String path = context.getBundle().getHeaders().get(PATH);
        String ranking = context.getBundle().getHeaders().get(RANKING);
        String version = context.getBundle().getVersion().toString();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(RouteGroup.NAME, "hot");
        properties.put(Constants.SERVICE_RANKING, ranking == null ? 0 : Integer.parseInt(ranking));
        RouteGroup group = () -> List.of(Route.get(path, (req, resp) -> resp.json(Map.of("version", version))));
        context.registerService(RouteGroup.class, group, properties);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the group with the bundle
    }
}
