package wharf.routes.system.internal;

import java.util.Arrays;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Engine;
import wharf.server.api.ApiRequest;
import wharf.server.api.ApiResponse;
import wharf.server.api.ApiVersion;
import wharf.server.api.Route;
import wharf.server.api.RouteGroup;
import wharf.server.api.RouteGroupName;

/** The system routes (moby's {@code router/system}): ping, version, info, events, disk usage and registry login. */
@Component(service = RouteGroup.class)
@RouteGroupName("system")
public final class SystemRoutes implements RouteGroup {
    /** Framework property the launcher sets from {@code --insecure-registry}, for {@code /info}. */
    static final String INSECURE_REGISTRIES = "wharf.insecure.registries";

    /** API 1.44 dropped the images' {@code VirtualSize}. */
    private static final ApiVersion V1_44 = new ApiVersion(1, 44);

    private final Engine engine;
    private final HostFacts host;
    private final DaemonIdentity identity;
    private final List<String> insecureRegistries;

    @Activate
    public SystemRoutes(BundleContext context, @Reference Engine engine, @Reference HostFacts host,
            @Reference DaemonIdentity identity) {
        this.engine = engine;
        this.host = host;
        this.identity = identity;
        this.insecureRegistries = insecureRegistries(context.getProperty(INSECURE_REGISTRIES));
    }

    /** The framework property's comma-separated entries; none when it is unset. */
    static List<String> insecureRegistries(String property) {
        return property == null ? List.of()
                : Arrays.stream(property.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public List<Route> routes() {
        return List.of(
                // GET
                Route.get("/_ping", this::ping),
                Route.get("/version", this::version),
                Route.get("/info", this::info),
                Route.get("/events", new EventsHandler(engine.events())),
                Route.get("/system/df", this::diskUsage),
                // HEAD
                Route.head("/_ping", this::ping),
                // POST
                Route.post("/auth", new AuthHandler(engine)));
    }

    /** dockerd's ping: {@code OK}, never cached; HEAD gets the same headers and no body. */
    private void ping(ApiRequest req, ApiResponse resp) throws java.io.IOException {
        var r = resp.servlet();
        r.setHeader("Cache-Control", "no-cache, no-store, must-revalidate");
        r.setHeader("Pragma", "no-cache");
        r.setContentType("text/plain; charset=utf-8");
        if (req.servlet().getMethod().equals("HEAD")) {
            r.setContentLength(0);
            return;
        }
        r.setContentLength(2);
        r.getOutputStream().write('O');
        r.getOutputStream().write('K');
    }

    private void version(ApiRequest req, ApiResponse resp) throws java.io.IOException {
        resp.json(VersionInfo.of(req.server(), host));
    }

    private void info(ApiRequest req, ApiResponse resp) throws java.io.IOException {
        resp.json(SystemInfo.gather(engine, host, identity, req.server(), insecureRegistries));
    }

    private void diskUsage(ApiRequest req, ApiResponse resp) throws java.io.IOException {
        resp.json(DiskUsage.gather(engine, req.version().isBefore(V1_44)));
    }
}
