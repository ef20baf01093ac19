package wharf.server.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import wharf.server.api.ApiWhiteboard;

/**
 * First filter: holds requests that arrive before {@code acceptconnections} until the daemon is
 * ready, so an early client waits and then succeeds instead of meeting a 404 for routes not yet
 * mounted (the trap that made Docker revert its listen buffer, moby#18213).
 */
@Component(service = Filter.class, property = Constants.SERVICE_RANKING + ":Integer=" + ApiWhiteboard.GATE_RANKING)
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardContextSelect(ApiContext.SELECT)
public final class GateFilter implements Filter {
    private final ServerState state;

    @Activate
    public GateFilter(@Reference ServerState state) {
        this.state = state;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ActivationGate gate = state.gate();
        if (!gate.isOpen()) {
            boolean opened;
            try {
                opened = gate.await(state.gateWaitSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                opened = false;
            }
            if (!opened) {
                HttpServletRequest req = (HttpServletRequest) request;
                ErrorMapper.write((HttpServletResponse) response, 503, "the daemon is starting: try again shortly",
                        PathVersion.of(req).effective(state.info().apiVersion()));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
