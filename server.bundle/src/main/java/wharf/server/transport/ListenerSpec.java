package wharf.server.transport;

import java.nio.file.Path;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;

/**
 * What {@code serveapi} asks of a transport.
 *
 * @param protocol          {@code unix}, {@code tcp}
 * @param address           the part after {@code ://}
 * @param tls               TLS settings, or null for plain
 * @param tlsExplicitlyOff  the user said {@code --tls=false}: plain tcp on a public address is allowed
 * @param socketGroup       the unix socket's group; blank for the default
 * @param http              the server's shared HTTP configuration; every connector uses it
 */
public record ListenerSpec(String protocol, String address, Tls tls, boolean tlsExplicitlyOff, String socketGroup,
        HttpConfiguration http) {

    public ListenerSpec {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(http, "http");
    }

    /**
     * Docker's PEM files.
     *
     * @param ca     {@code ca.pem}, the clients' issuer; needed when verifying
     * @param cert   the server's {@code cert.pem}
     * @param key    the server's {@code key.pem} (RSA or EC, PKCS#1 or PKCS#8)
     * @param verify require a client certificate issued by {@code ca}
     */
    public record Tls(Path ca, Path cert, Path key, boolean verify) {
    }

    /** {@code PROTO://ADDR} as asked. */
    public String uri() {
        return protocol + "://" + address;
    }
}
