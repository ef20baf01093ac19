package wharf.graph.internal.registry;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Failures worded as dockerd's Go HTTP client words them, because clients and users see
 * dockerd's text: {@code Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect:
 * connection refused}. Only the wording is Go's; the causes are the JDK's.
 */
final class GoErrors {
    private GoErrors() {
    }

    /** Go's {@code url.Error}: {@code Get "<url>": <cause>}. */
    static String urlError(String method, URI uri, String cause) {
        return method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT) + " \"" + uri + "\": " + cause;
    }

    /** A transport failure in Go's terms, with the address it was dialling. */
    static String transport(URI uri, Throwable failure) {
        String address = hostPort(uri);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "dial tcp: lookup " + uri.getHost() + ": no such host";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "dial tcp " + address + ": i/o timeout";
            }
            if (t instanceof NoRouteToHostException) {
                return "dial tcp " + address + ": connect: no route to host";
            }
            if (t instanceof ConnectException) {
                return "dial tcp " + address + ": connect: connection refused";
            }
            if (t instanceof HttpTimeoutException) {
                return "net/http: timeout awaiting response headers";
            }
            if (t instanceof SSLException) {
                return "tls: " + t.getMessage();
            }
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    /** {@code host:port} with the scheme's default port, IPv6 in brackets, as Go prints it. */
    static String hostPort(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        String host = uri.getHost();
        if (host != null && host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return host + ":" + port;
    }
}
