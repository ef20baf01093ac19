package wharf.server.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.server.api.AuthorizationPolicy;
import wharf.server.api.AuthorizationRequest;

/**
 * The authorization chain: every installed {@link AuthorizationPolicy}, highest ranking first,
 * must allow a request. None are installed by default. A policy that fails refuses.
 */
@Component(service = Filter.class, property = Constants.SERVICE_RANKING + ":Integer=100")
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardContextSelect(ApiContext.SELECT)
public final class AuthorizationFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationFilter.class);

    private final ServerState state;
    /** Ordered as the whiteboard orders services: highest ranking, then oldest. */
    private final Map<ServiceReference<AuthorizationPolicy>, AuthorizationPolicy> policies =
            new ConcurrentSkipListMap<>(Collections.reverseOrder());

    @Activate
    public AuthorizationFilter(@Reference ServerState state) {
        this.state = state;
    }

    @Reference(service = AuthorizationPolicy.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addPolicy(ServiceReference<AuthorizationPolicy> ref, AuthorizationPolicy policy) {
        policies.put(ref, policy);
    }

    void removePolicy(ServiceReference<AuthorizationPolicy> ref) {
        policies.remove(ref);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!policies.isEmpty()) {
            HttpServletRequest req = (HttpServletRequest) request;
            AuthorizationRequest ar = describe(req);
            for (Map.Entry<ServiceReference<AuthorizationPolicy>, AuthorizationPolicy> e : policies.entrySet()) {
                String name = String.valueOf(e.getKey().getProperty(AuthorizationPolicy.NAME));
                String refusal;
                int status;
                try {
                    AuthorizationPolicy.Decision d = e.getValue().authorize(ar);
                    refusal = d.allowed() ? null : "authorization denied by plugin " + name + ": " + d.message();
                    status = 403;
                } catch (Exception | LinkageError failure) {
                    LOG.error("Authorization policy {} failed on {} {}", name, ar.method(), ar.uri(), failure);
                    refusal = "plugin " + name + " failed with error: " + failure.getMessage();
                    status = 500;
                }
                if (refusal != null) {
                    ErrorMapper.write((HttpServletResponse) response, status, refusal,
                            PathVersion.of(req.getPathInfo()).effective(state.info().apiVersion()));
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static AuthorizationRequest describe(HttpServletRequest req) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(req.getHeaders(name))));
        }
        String uri = req.getQueryString() == null ? req.getRequestURI() : req.getRequestURI() + "?" + req.getQueryString();
        return new AuthorizationRequest(req.getMethod(), uri, headers, user(req));
    }

    /** The TLS client certificate's subject, where the transport verified one. */
    private static String user(HttpServletRequest req) {
        Object certs = req.getAttribute("jakarta.servlet.request.X509Certificate");
        if (certs instanceof X509Certificate[] chain && chain.length > 0) {
            return chain[0].getSubjectX500Principal().getName();
        }
        return "";
    }
}
