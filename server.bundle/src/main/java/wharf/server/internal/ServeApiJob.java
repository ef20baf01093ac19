package wharf.server.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.SystemError;
import wharf.engine.api.UnavailableError;
import wharf.engine.api.system.Listening;
import wharf.engine.api.system.ServeApi;
import wharf.server.transport.Listener;
import wharf.server.transport.ListenerException;
import wharf.server.transport.ListenerSpec;
import wharf.server.transport.Transport;

/**
 * Docker 1.2's {@code serveapi}: a listener per {@code PROTO://ADDR}, each from the transport
 * that serves its protocol. The first listener error fails the job, and the listeners this run
 * already opened are closed again, so a failed start leaves nothing bound.
 */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=serveapi")
public final class ServeApiJob implements JobHandler<ServeApi, Listening> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeApiJob.class);
    static final String USAGE = "usage: serveapi PROTO://ADDR [PROTO://ADDR ...]";

    private final ServerState state;
    private final Map<String, Transport> transports = new ConcurrentHashMap<>();

    @Activate
    public ServeApiJob(@Reference ServerState state) {
        this.state = state;
    }

    @Reference(service = Transport.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addTransport(ServiceReference<Transport> ref, Transport transport) {
        transports.put(String.valueOf(ref.getProperty(Transport.PROTOCOL)), transport);
    }

    void removeTransport(ServiceReference<Transport> ref, Transport transport) {
        String protocol = String.valueOf(ref.getProperty(Transport.PROTOCOL));
        if (transports.remove(protocol, transport)) {
            state.transportGone(protocol);
        }
    }

    @Override
    public Listening handle(Job<ServeApi> job) throws InterruptedException {
        ServeApi env = job.input();
        List<String[]> addresses = parse(env.addresses());
        for (String[] a : addresses) {
            if (!transports.containsKey(a[0])) {
                throw new InvalidParameterError("no installed transport serves protocol '" + a[0] + "' (address "
                        + a[0] + "://" + a[1] + "); installed: " + new java.util.TreeSet<>(transports.keySet()));
            }
        }
        if (!state.awaitServlet(10, TimeUnit.SECONDS)) {
            throw new UnavailableError("the HTTP whiteboard has not started the API servlet");
        }
        state.settings(env);
        if (!env.bufferRequests()) {
            state.gate().open();
        }
        List<String> serving = new ArrayList<>();
        Map<String, Listener> opened = new java.util.LinkedHashMap<>();
        try {
            for (String[] a : addresses) {
                job.cancellation().check();
                String asked = a[0] + "://" + a[1];
                Listener existing = state.listener(asked);
                if (existing != null) {
                    // Asked again (the launcher restarted): the listener is there, so it is not bound twice.
                    serving.add(existing.address());
                    continue;
                }
                Listener l = transports.get(a[0]).listen(spec(env, a[0], a[1]));
                opened.put(asked, l);
                serving.add(l.address());
                LOG.info("API listen on {}", l.address());
            }
        } catch (ListenerException | RuntimeException e) {
            opened.values().forEach(Listener::close);
            throw new SystemError("failed to load listeners: " + e.getMessage(), e);
        }
        opened.forEach(state::listening);
        return new Listening(serving);
    }

    /** The seed's checks: at least one address, each {@code PROTO://ADDR}. */
    static List<String[]> parse(List<String> addresses) {
        if (addresses.isEmpty()) {
            throw new InvalidParameterError(USAGE);
        }
        List<String[]> parsed = new ArrayList<>();
        for (String address : addresses) {
            String[] parts = address == null ? new String[0] : address.split("://", 2);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new InvalidParameterError(USAGE);
            }
            parsed.add(parts);
        }
        return parsed;
    }

    private ListenerSpec spec(ServeApi env, String protocol, String address) {
        ListenerSpec.Tls tls = null;
        if (env.tlsEnabled() && protocol.equals("tcp")) {
            boolean verify = Boolean.TRUE.equals(env.tlsVerify());
            tls = new ListenerSpec.Tls(verify || env.tlsCa() != null ? path(env.tlsCa()) : null, path(env.tlsCert()),
                    path(env.tlsKey()), verify);
        }
        return new ListenerSpec(protocol, address, tls, env.tlsExplicitlyOff(), env.socketGroup(), state.http());
    }

    private static Path path(String p) {
        return p == null || p.isBlank() ? null : Path.of(p);
    }
}
