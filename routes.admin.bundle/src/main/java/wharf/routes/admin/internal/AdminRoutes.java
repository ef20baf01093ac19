package wharf.routes.admin.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import wharf.engine.api.Engine;
import wharf.engine.api.ForbiddenError;
import wharf.engine.api.UnavailableError;
import wharf.server.api.ApiRequest;
import wharf.server.api.ApiResponse;
import wharf.server.api.Handler;
import wharf.server.api.Peer;
import wharf.server.api.Route;
import wharf.server.api.RouteGroup;
import wharf.server.api.RouteGroupName;
import wharf.server.api.RouteInfo;
import wharf.server.api.RouteRegistry;
import wharf.server.transport.Transport;

/**
 * The management API, group {@code wharf}: the framework's bundles, the route table and the job
 * table. Only callers on a unix socket or with a verified TLS client certificate are served;
 * anyone else gets 403.
 */
@Component(service = RouteGroup.class, configurationPid = AdminConfig.PID)
@Designate(ocd = AdminConfig.class)
@RouteGroupName("wharf")
public final class AdminRoutes implements RouteGroup {
    static final String FORBIDDEN = "the management API (/_wharf/) is served only on unix sockets and to TLS clients"
            + " with a verified certificate";
    /** The bundles the API server is made of, beside the framework and this bundle. */
    static final Set<String> CORE = Set.of("wharf.server", "wharf.engine");

    private final Engine engine;
    private final BundleContext context;
    private final BundleAdmin bundles;
    private volatile long maxBundleBytes;

    @Activate
    public AdminRoutes(@Reference Engine engine, BundleContext context, AdminConfig config) {
        this.engine = engine;
        this.context = context;
        this.bundles = new BundleAdmin(context);
        modified(config);
    }

    /** The limit changes in place; re-registering the group would drop the routes for a moment. */
    @Modified
    void modified(AdminConfig config) {
        this.maxBundleBytes = Math.max(1, config.maxBundleMiB()) * 1024L * 1024L;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                // GET
                Route.get("/_wharf/bundles", guarded(this::listBundles)),
                Route.get("/_wharf/routes", guarded(this::listRoutes)),
                Route.get("/_wharf/jobs", guarded(this::listJobs)),
                // POST
                Route.post("/_wharf/bundles", guarded(this::installOrUpdate)),
                Route.post("/_wharf/bundles/{name}/start", guarded(this::start)),
                Route.post("/_wharf/bundles/{name}/stop", guarded(this::stop)),
                // DELETE
                Route.delete("/_wharf/bundles/{name}", guarded(this::uninstall)));
    }

    /** Unix-socket callers may open the socket file; TLS callers proved who they are. */
    static boolean trusted(Peer peer) {
        return peer.transport() == Peer.Transport.UNIX || peer.tlsVerified();
    }

    private static Handler guarded(Handler handler) {
        return (req, resp) -> {
            if (!trusted(req.peer())) {
                throw new ForbiddenError(FORBIDDEN);
            }
            handler.handle(req, resp);
        };
    }

    private void listBundles(ApiRequest req, ApiResponse resp) throws IOException {
        resp.json(Views.bundles(bundles.list()));
    }

    private void listRoutes(ApiRequest req, ApiResponse resp) throws IOException {
        resp.json(routeTable().stream().map(Views::route).toList());
    }

    /**
     * Looked up per call, not injected: the registry is the server's router, which mounts this
     * very group, so a reference to it would make the two wait on each other.
     */
    private List<RouteInfo> routeTable() {
        ServiceReference<RouteRegistry> ref = context.getServiceReference(RouteRegistry.class);
        RouteRegistry registry = ref == null ? null : context.getService(ref);
        if (registry == null) {
            throw new UnavailableError("the route table is not available");
        }
        try {
            return registry.routes();
        } finally {
            context.ungetService(ref);
        }
    }

    private void listJobs(ApiRequest req, ApiResponse resp) throws IOException {
        resp.json(engine.handlers().stream().map(Views::job).toList());
    }

    /** 201 with the bundle when it was installed, 200 when an installed one was updated. */
    private void installOrUpdate(ApiRequest req, ApiResponse resp) throws IOException {
        BundleAdmin.Outcome outcome;
        try (BundleJar jar = BundleJar.receive(req.body(), req.servlet().getContentLengthLong(), maxBundleBytes)) {
            outcome = bundles.installOrUpdate(jar, guard(req));
        }
        resp.json(outcome.installed() ? 201 : 200, Views.bundle(outcome.bundle()));
    }

    private void uninstall(ApiRequest req, ApiResponse resp) throws IOException {
        resp.json(Views.bundle(bundles.uninstall(req.var("name"), guard(req))));
    }

    private void start(ApiRequest req, ApiResponse resp) throws IOException {
        resp.json(Views.bundle(bundles.start(req.var("name"))));
    }

    private void stop(ApiRequest req, ApiResponse resp) throws IOException {
        resp.json(Views.bundle(bundles.stop(req.var("name"), guard(req))));
    }

    /** What this caller must not take away, worked out per call since bundles come and go. */
    private BundleAdmin.Guard guard(ApiRequest req) {
        return new BundleAdmin.Guard(context, CORE, transportOf(req.peer()));
    }

    /** The bundle of the transport the request came through: stopping it would cut the caller off. */
    private Bundle transportOf(Peer peer) {
        String protocol = peer.transport().name().toLowerCase(Locale.ROOT);
        try {
            Collection<ServiceReference<Transport>> refs = context.getServiceReferences(Transport.class,
                    "(" + Transport.PROTOCOL + "=" + protocol + ")");
            return refs.isEmpty() ? null : refs.iterator().next().getBundle();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
