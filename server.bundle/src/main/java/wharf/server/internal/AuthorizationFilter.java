package wharf.server.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
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
import wharf.server.api.ApiWhiteboard;
import wharf.server.api.AuthorizationPolicy;
import wharf.server.api.AuthorizationRequest;
import wharf.server.api.AuthorizationResponse;

/**
 * The authorization chain (dockerd's authz middleware): every installed {@link AuthorizationPolicy},
 * highest ranking first, must allow a request before its handler runs, and each hears how the
 * request ended. None are installed by default, and then this filter does nothing. A policy that
 * fails refuses. The body is read only when a policy opens it ({@link PolicyBody}).
 */
@Component(service = Filter.class,
        property = Constants.SERVICE_RANKING + ":Integer=" + ApiWhiteboard.AUTHORIZATION_RANKING)
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardContextSelect(ApiContext.SELECT)
public final class AuthorizationFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationFilter.class);

    /** A policy with the name its refusals carry. */
    private record Named(String name, AuthorizationPolicy policy) {
    }

    /** A refusal as the client gets it. */
    private record Refusal(int status, String policy, String message) {
    }

    private final ServerState state;
    /** Ordered as the whiteboard orders services: highest ranking, then oldest. */
    private final Map<ServiceReference<AuthorizationPolicy>, Named> policies =
            new ConcurrentSkipListMap<>(Collections.reverseOrder());

    @Activate
    public AuthorizationFilter(@Reference ServerState state) {
        this.state = state;
    }

    @Reference(service = AuthorizationPolicy.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addPolicy(ServiceReference<AuthorizationPolicy> ref, AuthorizationPolicy policy) {
        policies.put(ref, new Named(name(ref), policy));
    }

    void removePolicy(ServiceReference<AuthorizationPolicy> ref) {
        policies.remove(ref);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (policies.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        // the policies of this request, even if some come or go while it runs
        List<Named> chainPolicies = List.copyOf(policies.values());
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        try (PolicyBody body = new PolicyBody(req, takesOverConnection(req), PolicyBody.MEMORY_LIMIT)) {
            AuthorizationRequest described = describe(req, body);
            Refusal refusal = authorize(chainPolicies, described);
            if (refusal != null) {
                ErrorMapper.write(resp, refusal.status(), refusal.message(),
                        PathVersion.of(req).effective(state.info().apiVersion()));
                report(chainPolicies, described, new AuthorizationResponse(refusal.status(), refusal.policy(),
                        refusal.message()));
                return;
            }
            try {
                chain.doFilter(body.handOver(), response);
            } finally {
                report(chainPolicies, described, AuthorizationResponse.allowed(resp.getStatus()));
            }
        }
    }

    /** dockerd's messages: a refusal is 403, a policy's failure 500, and either stops the request. */
    private static Refusal authorize(List<Named> chainPolicies, AuthorizationRequest request) {
        for (Named p : chainPolicies) {
            try {
                AuthorizationPolicy.Decision d = p.policy().authorize(request);
                if (d == null || !d.allowed()) {
                    String why = d == null ? "no decision" : d.message();
                    LOG.info("Authorization policy {} refused {} {}: {}", p.name(), request.method(), request.uri(), why);
                    return new Refusal(403, p.name(), "authorization denied by plugin " + p.name() + ": " + why);
                }
            } catch (Exception | LinkageError failure) {
                LOG.error("Authorization policy {} failed on {} {}", p.name(), request.method(), request.uri(), failure);
                return new Refusal(500, p.name(), "plugin " + p.name() + " failed with error: " + failure.getMessage());
            }
        }
        return null;
    }

    /** Every policy hears the outcome; the answer is out, so a failure here is only logged. */
    private static void report(List<Named> chainPolicies, AuthorizationRequest request, AuthorizationResponse outcome) {
        for (Named p : chainPolicies) {
            try {
                p.policy().onResponse(request, outcome);
            } catch (Exception | LinkageError failure) {
                LOG.error("Authorization policy {} failed on the response to {} {}", p.name(), request.method(),
                        request.uri(), failure);
            }
        }
    }

    /** Attach and exec start ask for the connection ({@code Upgrade: tcp}): their body is a live stream. */
    private static boolean takesOverConnection(HttpServletRequest req) {
        return req.getHeader("Upgrade") != null;
    }

    private static AuthorizationRequest describe(HttpServletRequest req, PolicyBody body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name, List.copyOf(Collections.list(req.getHeaders(name))));
        }
        String uri = req.getQueryString() == null ? req.getRequestURI() : req.getRequestURI() + "?" + req.getQueryString();
        return new AuthorizationRequest(req.getMethod(), uri, Collections.unmodifiableMap(headers), Peers.of(req),
                Peers.remoteAddress(req), Peers.localAddress(req), Instant.now(), body);
    }

    /** The policy's name property, else its bundle's symbolic name. */
    private static String name(ServiceReference<?> ref) {
        Object name = ref.getProperty(AuthorizationPolicy.NAME);
        if (name != null && !name.toString().isBlank()) {
            return name.toString();
        }
        return ref.getBundle() == null ? "(unnamed)" : ref.getBundle().getSymbolicName();
    }
}
