package wharf.server.api;

/**
 * How a bundle joins the API listeners with servlet filters of its own (audit, metrics, rate
 * limits): a whiteboard {@code jakarta.servlet.Filter} service selecting the context
 * {@link #CONTEXT_SELECT} sees every API request. Filters run by service ranking, highest first;
 * the server's own are the gate ({@value #GATE_RANKING}: holds requests until the daemon is ready),
 * the access log ({@value #ACCESS_LOG_RANKING}), CORS ({@value #CORS_RANKING}) and authorization
 * ({@value #AUTHORIZATION_RANKING}), then the API servlet.
 */
public final class ApiWhiteboard {
    /** The servlet context of the API listeners. */
    public static final String CONTEXT_NAME = "wharf.api";
    /** The whiteboard selector of that context, for {@code osgi.http.whiteboard.context.select}. */
    public static final String CONTEXT_SELECT = "(osgi.http.whiteboard.context.name=" + CONTEXT_NAME + ")";
    /**
     * Request attribute holding the matched route's {@link RouteInfo} once the API servlet has
     * matched one; absent for a request no route matched. A filter reads it after the chain returns.
     */
    public static final String ROUTE_ATTRIBUTE = "wharf.server.api.RouteInfo";

    public static final int GATE_RANKING = 400;
    public static final int ACCESS_LOG_RANKING = 300;
    public static final int CORS_RANKING = 200;
    public static final int AUTHORIZATION_RANKING = 100;

    private ApiWhiteboard() {
    }
}
