package wharf.server.internal;

import java.nio.file.Path;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.server.transport.Listener;
import wharf.server.transport.ListenerException;
import wharf.server.transport.ListenerSpec;
import wharf.server.transport.Transport;

/**
 * A listener from configuration ({@value ListenerConfig#PID}, one factory configuration per
 * address): open while the configuration exists and its protocol's transport is there. A changed
 * configuration reactivates the component, which closes the old listener and opens the new one;
 * the {@code -H} listeners of serveapi are not touched.
 */
@Component(configurationPid = ListenerConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ListenerConfig.class, factory = true)
public final class ConfiguredListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredListener.class);

    private final String protocol;
    private final ListenerSpec spec;
    private ServiceReference<Transport> serving;
    private Listener listener;

    @Activate
    public ConfiguredListener(@Reference ServerState state, ListenerConfig config) {
        String[] address = ServeApiJob.parse(java.util.List.of(config.address())).get(0);
        this.protocol = address[0];
        this.spec = new ListenerSpec(protocol, address[1], tls(config), config.tlsOff(),
                config.group().isBlank() ? null : config.group(), state.http());
    }

    /** TLS only on tcp, as serveapi does it: verification implies TLS and needs the CA. */
    private ListenerSpec.Tls tls(ListenerConfig config) {
        if (!protocol.equals("tcp") || !(config.tls() || config.tlsVerify())) {
            return null;
        }
        return new ListenerSpec.Tls(path(config.tlsCaCert()), path(config.tlsCert()), path(config.tlsKey()),
                config.tlsVerify());
    }

    private static Path path(String p) {
        return p == null || p.isBlank() ? null : Path.of(p);
    }

    @Reference(service = Transport.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addTransport(ServiceReference<Transport> ref, Transport transport) {
        if (listener != null || !protocol.equals(ref.getProperty(Transport.PROTOCOL))) {
            return;
        }
        try {
            listener = transport.listen(spec);
            serving = ref;
            LOG.info("API listen on {} ({} configuration)", listener.address(), ListenerConfig.PID);
        } catch (ListenerException | RuntimeException e) {
            LOG.error("The configured listener {} cannot open: {}", spec.uri(), e.getMessage());
        }
    }

    /** A transport that goes closes its listeners; another one of the protocol may take over. */
    synchronized void removeTransport(ServiceReference<Transport> ref, Transport transport) {
        if (ref.equals(serving)) {
            closeListener();
        }
    }

    @Deactivate
    synchronized void deactivate() {
        closeListener();
    }

    private void closeListener() {
        if (listener != null) {
            String address = listener.address();
            listener.close();
            LOG.info("API listener {} closed ({} configuration)", address, ListenerConfig.PID);
        }
        listener = null;
        serving = null;
    }
}
