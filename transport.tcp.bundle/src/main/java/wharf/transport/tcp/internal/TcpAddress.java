package wharf.transport.tcp.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import wharf.server.transport.ListenerException;

/**
 * A {@code tcp://HOST:PORT} address: the host as written (reported back), the address it resolves
 * to (bound), and the port ({@code 0} for any free one).
 *
 * @param host     as written, IPv6 literals in brackets
 * @param bindTo   what {@code host} resolved to
 * @param port     0 to 65535
 * @param loopback whether only this machine can reach it
 */
record TcpAddress(String host, InetAddress bindTo, int port, boolean loopback) {

    /**
     * Parses and resolves {@code HOST:PORT}. Defaults for a missing host or port are the server's
     * business: a transport gets complete addresses.
     *
     * @throws ListenerException when the address is malformed or the host does not resolve
     */
    static TcpAddress parse(String uri, String address) throws ListenerException {
        URI parsed;
        try {
            parsed = new URI("tcp://" + address).parseServerAuthority();
        } catch (URISyntaxException e) {
            throw malformed(uri, e.getReason());
        }
        if (parsed.getHost() == null || parsed.getUserInfo() != null || !parsed.getRawPath().isEmpty()
                || parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
            throw malformed(uri, null);
        }
        if (parsed.getPort() < 0 || parsed.getPort() > 65535) {
            throw malformed(uri, "a port from 0 to 65535 is required");
        }
        String host = parsed.getHost();
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress bindTo;
        try {
            bindTo = InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new ListenerException(uri + ": cannot resolve host \"" + literal + "\"", e);
        }
        // dockerd takes the name "localhost" on trust; anything else by what it resolves to
        boolean loopback = "localhost".equalsIgnoreCase(literal) || bindTo.isLoopbackAddress();
        return new TcpAddress(host, bindTo, parsed.getPort(), loopback);
    }

    /** {@code tcp://HOST:PORT} with {@code port}, e.g. the one bound where 0 was asked. */
    String uri(int boundPort) {
        return "tcp://" + host + ":" + boundPort;
    }

    private static ListenerException malformed(String uri, String reason) {
        return new ListenerException(uri + ": invalid address, expected tcp://HOST:PORT"
                + (reason != null ? " (" + reason + ")" : ""));
    }
}
