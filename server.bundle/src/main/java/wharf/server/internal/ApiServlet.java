package wharf.server.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import wharf.engine.api.Cancellation;
import wharf.server.api.ApiVersion;
import wharf.server.api.ApiWhiteboard;
import wharf.server.api.Method;
import wharf.server.api.ServerInfo;

/**
 * The one API servlet: strips the version prefix, matches the route, applies dockerd's version
 * checks and standard headers, runs the handler, and sends every failure through the mapper.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/*")
@HttpWhiteboardContextSelect(ApiContext.SELECT)
public final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String PAGE_NOT_FOUND = "page not found";

    private final transient Router router;
    private final transient ServerState state;

    @Activate
    public ApiServlet(@Reference Router router, @Reference ServerState state) {
        this.router = router;
        this.state = state;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        state.servletReady();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ServerInfo info = state.info();
        PathVersion pv = PathVersion.of(req);
        ApiVersion version = pv.effective(info.apiVersion());
        Method method = method(req.getMethod());
        if (method == Method.OPTIONS) {
            standardHeaders(resp, info);
            resp.setHeader("Docker-Experimental", "false");
            resp.setStatus(200);
            resp.setContentLength(0);
            return;
        }
        RouteTable.Match match = method == null || (pv.versioned() && pv.version() == null) ? null
                : router.table().match(method, pv.path(), version);
        if (match == null) {
            ErrorMapper.write(resp, 404, PAGE_NOT_FOUND, version);
            return;
        }
        standardHeaders(resp, info);
        if (version.compareTo(info.apiVersion()) > 0) {
            ErrorMapper.write(resp, 400, "client version " + pv.raw() + " is too new. Maximum supported API version is "
                    + info.apiVersion(), version);
            return;
        }
        if (version.isBefore(info.minApiVersion())) {
            tooOld(resp, pv.raw(), info.minApiVersion());
            return;
        }
        resp.setHeader("Docker-Experimental", "false");
        req.setAttribute(ApiWhiteboard.ROUTE_ATTRIBUTE, match.info());
        Cancellation cancellation = new Cancellation();
        watchConnection(req, cancellation);
        long group = match.mounted().serviceId();
        ApiResponseImpl response = new ApiResponseImpl(req, resp, cancellation, router.streams().guard(group));
        try {
            match.mounted().route().handler().handle(
                    new ApiRequestImpl(req, version, match.variables(), info, cancellation), response);
        } catch (Exception | LinkageError e) {
            ErrorMapper.handle(req, resp, version, e);
        } finally {
            // a hijacked session outlives the handler (and answers 200 when the client sent no Upgrade)
            if (!response.hijacked()) {
                cancellation.cancel();
            }
            if (!router.streams().isMounted(group)) {
                // the group went while its handler ran, and may have left its classes in the mapper's caches
                Json.clearCaches();
            }
        }
    }

    /** dockerd answers a too-old client in plain text, whatever the version. */
    private static void tooOld(HttpServletResponse resp, String raw, ApiVersion min) throws IOException {
        resp.setStatus(400);
        resp.setContentType("text/plain; charset=utf-8");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        byte[] body = ("client version " + raw + " is too old. Minimum supported API version is " + min
                + ", please upgrade your client to a newer version\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private static void standardHeaders(HttpServletResponse resp, ServerInfo info) {
        resp.setHeader("Api-Version", info.apiVersion().toString());
        resp.setHeader("Ostype", "linux");
        resp.setHeader("Server", "Wharf/" + info.version() + " (linux)");
    }

    /** Jetty reports a connection that fails while the handler runs; jobs then stop early. */
    private static void watchConnection(HttpServletRequest req, Cancellation cancellation) {
        ServletContextRequest scr = ServletContextRequest.getServletContextRequest(req);
        if (scr != null) {
            scr.addFailureListener(failure -> cancellation.cancel());
        }
    }

    private static Method method(String name) {
        try {
            return Method.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
