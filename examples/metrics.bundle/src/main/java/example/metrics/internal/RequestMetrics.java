package example.metrics.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import wharf.server.api.ApiWhiteboard;
import wharf.server.api.Method;
import wharf.server.api.RouteInfo;

/**
 * Times every API request, as a whiteboard filter on the API listeners' context, and files it
 * under the route the server matched ({@link ApiWhiteboard#ROUTE_ATTRIBUTE}): the path template,
 * not the path, so that {@code /containers/{name}/json} is one series however many containers there
 * are. It runs right below the gate, so a request held until the daemon is ready is not timed for
 * the wait, but authorization and the handler are.
 */
@Component(service = Filter.class, property = Constants.SERVICE_RANKING + ":Integer=" + RequestMetrics.RANKING)
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardContextSelect(ApiWhiteboard.CONTEXT_SELECT)
public final class RequestMetrics implements Filter {
    static final int RANKING = ApiWhiteboard.GATE_RANKING - 50;

    private final MetricsRegistry registry;

    @Activate
    public RequestMetrics(@Reference MetricsRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            HttpServletRequest req = (HttpServletRequest) request;
            int status = ((HttpServletResponse) response).getStatus();
            long nanos = System.nanoTime() - start;
            if (req.getAttribute(ApiWhiteboard.ROUTE_ATTRIBUTE) instanceof RouteInfo route) {
                registry.request(route.method().name(), route.template(), status, nanos);
            } else {
                registry.request(method(req), MetricsRegistry.UNMATCHED, status, nanos);
            }
        }
    }

    /** The request's method when it is one the API knows; anything else is one series, {@code OTHER}. */
    private static String method(HttpServletRequest req) {
        String m = req.getMethod().toUpperCase(Locale.ROOT);
        for (Method known : Method.values()) {
            if (known.name().equals(m)) {
                return m;
            }
        }
        return "OTHER";
    }
}
