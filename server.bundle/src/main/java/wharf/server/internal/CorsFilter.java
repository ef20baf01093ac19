package wharf.server.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import wharf.server.api.ApiWhiteboard;

/**
 * CORS when asked for ({@code --api-cors-header}, or the {@code corsOrigin} of the server's
 * configuration, which applies live): every answer, errors included, carries dockerd's three
 * headers. Off by default.
 */
@Component(service = Filter.class, property = Constants.SERVICE_RANKING + ":Integer=" + ApiWhiteboard.CORS_RANKING)
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardContextSelect(ApiContext.SELECT)
public final class CorsFilter implements Filter {
    static final String ALLOW_HEADERS = "Origin, X-Requested-With, Content-Type, Accept, X-Registry-Auth";
    static final String ALLOW_METHODS = "HEAD, GET, POST, DELETE, PUT, OPTIONS";

    private final ServerState state;

    @Activate
    public CorsFilter(@Reference ServerState state) {
        this.state = state;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = state.corsOrigin();
        if (origin != null) {
            HttpServletResponse resp = (HttpServletResponse) response;
            resp.setHeader("Access-Control-Allow-Headers", ALLOW_HEADERS);
            resp.setHeader("Access-Control-Allow-Methods", ALLOW_METHODS);
            resp.setHeader("Access-Control-Allow-Origin", origin);
        }
        chain.doFilter(request, response);
    }
}
