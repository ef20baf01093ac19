package wharf.server.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.server.api.ApiWhiteboard;

/**
 * The seed's {@code Logging}: dockerd's "Calling GET /v1.47/version" at debug for every request,
 * and, when logging is on, one line per finished request with its status and duration.
 */
@Component(service = Filter.class, property = Constants.SERVICE_RANKING + ":Integer=" + ApiWhiteboard.ACCESS_LOG_RANKING)
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardContextSelect(ApiContext.SELECT)
public final class AccessLogFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger("wharf.access");

    private final ServerState state;

    @Activate
    public AccessLogFilter(@Reference ServerState state) {
        this.state = state;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        String line = req.getMethod() + " " + req.getRequestURI();
        LOG.debug("Calling {}", line);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (state.settings().logging() && LOG.isInfoEnabled()) {
                LOG.info("{} {} {}µs", line, ((HttpServletResponse) response).getStatus(),
                        (System.nanoTime() - start) / 1000);
            }
        }
    }
}
