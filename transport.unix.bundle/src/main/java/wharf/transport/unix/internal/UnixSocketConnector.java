package wharf.transport.unix.internal;

import java.nio.file.Path;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;

/**
 * Jetty's unix-domain connector, serving HTTP/1.1 with the server's shared configuration, that
 * gives the socket file its mode and group as part of starting, so each (re)start after a bind does it.
 */
final class UnixSocketConnector extends UnixDomainServerConnector {
    private final SocketAccess access;

    UnixSocketConnector(Server server, HttpConfiguration http, Path path, SocketAccess access) {
        super(server, new HttpConnectionFactory(http));
        setUnixDomainPath(path);
        this.access = access;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // the file exists only once bound; a failure here fails the start, and doStop removes the file
        access.applyTo(getUnixDomainPath());
    }
}
