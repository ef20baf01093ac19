package wharf.transport.tcp.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.server.transport.ListenerException;
import wharf.server.transport.ListenerSpec;

/**
 * dockerd's rule for tcp without client verification: refused on a non-loopback address unless
 * the user turned TLS off explicitly, and warned about wherever it is allowed.
 */
final class ExposurePolicy {
    private static final Logger LOG = LoggerFactory.getLogger(ExposurePolicy.class);

    static final String INSECURE = "Binding to IP address without --tlsverify is insecure and gives root access"
            + " on this machine to everyone who has access to your network.";
    static final String OVERRIDE = "You can override this by explicitly specifying '--tls=false' or '--tlsverify=false'";
    static final String BROWSERS = "Binding to an IP address, even on localhost, can also give access to scripts"
            + " run in a browser. Be safe out there!";

    private ExposurePolicy() {
    }

    /** @throws ListenerException for plain tcp on a public address without {@code --tls=false} */
    static void check(String uri, TcpAddress address, ListenerSpec spec) throws ListenerException {
        boolean clientsVerified = spec.tls() != null && spec.tls().verify();
        if (clientsVerified) {
            return;
        }
        if (!address.loopback()) {
            if (spec.tls() == null && !spec.tlsExplicitlyOff()) {
                throw new ListenerException(uri + ": " + INSECURE + " " + OVERRIDE);
            }
            LOG.warn("{} host=\"{}\"", INSECURE, uri);
        }
        LOG.warn("{} host=\"{}\"", BROWSERS, uri);
    }
}
