package wharf.server.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.security.Principal;
import java.security.cert.X509Certificate;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.server.api.Peer;

/**
 * Tells who sent a request from the Jetty connection under it: a unix socket's peer credentials
 * ({@code SO_PEERCRED}) or a TLS client certificate the listener verified. Worked out once per
 * connection and kept in the connection's attributes, since neither changes while it is open.
 */
final class Peers {
    private static final Logger LOG = LoggerFactory.getLogger(Peers.class);
    private static final String ATTRIBUTE = Peer.class.getName();
    /** Where the TLS connector's SecureRequestCustomizer puts the verified client chain. */
    static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private Peers() {
    }

    static Peer of(HttpServletRequest req) {
        ServletContextRequest scr = ServletContextRequest.getServletContextRequest(req);
        if (scr == null) {
            return Peer.unknown(Peer.Transport.OTHER);
        }
        ConnectionMetaData connection = scr.getConnectionMetaData();
        if (connection.getAttribute(ATTRIBUTE) instanceof Peer known) {
            return known;
        }
        Peer peer = resolve(req, connection);
        connection.setAttribute(ATTRIBUTE, peer);
        return peer;
    }

    /** The client's address ({@code 127.0.0.1:51234}), or empty where the transport has none. */
    static String remoteAddress(HttpServletRequest req) {
        ServletContextRequest scr = ServletContextRequest.getServletContextRequest(req);
        return scr == null ? "" : address(scr.getConnectionMetaData().getRemoteSocketAddress());
    }

    /** The address of the listener the request came through ({@code 127.0.0.1:2376}, a socket path). */
    static String localAddress(HttpServletRequest req) {
        ServletContextRequest scr = ServletContextRequest.getServletContextRequest(req);
        return scr == null ? "" : address(scr.getConnectionMetaData().getLocalSocketAddress());
    }

    /** {@code host:port} ({@code [::1]:port} for IPv6), a unix socket's path (empty when unnamed), else empty. */
    static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getHostString();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        if (address instanceof UnixDomainSocketAddress unix) {
            return unix.getPath().toString();
        }
        return "";
    }

    private static Peer resolve(HttpServletRequest req, ConnectionMetaData connection) {
        SocketAddress local = connection.getLocalSocketAddress();
        if (local instanceof UnixDomainSocketAddress) {
            return unix(connection.getConnection().getEndPoint());
        }
        Peer.Transport transport = local instanceof InetSocketAddress ? Peer.Transport.TCP : Peer.Transport.OTHER;
        if (req.getAttribute(CERTIFICATES) instanceof X509Certificate[] chain && chain.length > 0) {
            // the TLS connector asks for certificates only when it verifies them (--tlsverify)
            return new Peer(transport, true, chain[0].getSubjectX500Principal().getName(), Peer.UNKNOWN,
                    Peer.UNKNOWN);
        }
        return Peer.unknown(transport);
    }

    private static Peer unix(EndPoint endPoint) {
        if (endPoint instanceof SocketChannelEndPoint channelEndPoint) {
            try {
                int[] ids = credentials(channelEndPoint.getChannel());
                return new Peer(Peer.Transport.UNIX, false, "", ids[0], ids[1]);
            } catch (IOException | UnsupportedOperationException e) {
                LOG.debug("No peer credentials on {}: {}", endPoint, e.toString());
            }
        }
        return Peer.unknown(Peer.Transport.UNIX);
    }

    /** The peer's uid and gid of a connected unix-domain channel. */
    static int[] credentials(SocketChannel channel) throws IOException {
        UnixDomainPrincipal principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        UserPrincipal user = principal.user();
        GroupPrincipal group = principal.group();
        return new int[] {id(user), id(group)};
    }

    /**
     * The JDK hands SO_PEERCRED over as principals named by the user and group databases, or by the
     * number where the databases do not know it. Its unix principals' hash code is the numeric id
     * (sun.nio.fs.UnixUserPrincipals); PeersTest checks that against the process's own uid.
     */
    private static int id(Principal principal) {
        String name = principal.getName();
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(name);
        }
        return principal.hashCode();
    }
}
