package wharf.transport.unix.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.server.transport.ListenerException;

/** Checks a unix socket address and frees its path for binding. */
final class SocketPath {
    private static final Logger LOG = LoggerFactory.getLogger(SocketPath.class);

    /** {@code sun_path} holds 108 bytes, the last one the terminating NUL. */
    static final int MAX_BYTES = UnixDomainServerConnector.MAX_UNIX_DOMAIN_PATH_LENGTH;
    /** How long a socket file's owner may take to accept a probe connection. */
    static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private SocketPath() {
    }

    /**
     * The path of {@code unix://PATH}, checked for what binding cannot report clearly.
     *
     * @throws ListenerException when the path is empty, too long, or its directory does not exist
     */
    static Path parse(String uri, String address) throws ListenerException {
        if (address.isEmpty()) {
            throw new ListenerException(uri + ": the socket path is empty");
        }
        Path path;
        try {
            path = Path.of(address);
        } catch (InvalidPathException e) {
            throw new ListenerException(uri + ": invalid socket path: " + e.getReason(), e);
        }
        int length = address.getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_BYTES) {
            throw new ListenerException(String.format(
                    "%s: the socket path is %d bytes long; unix sockets allow at most %d bytes (%d with the closing NUL)",
                    uri, length, MAX_BYTES, MAX_BYTES + 1));
        }
        Path directory = path.toAbsolutePath().getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new ListenerException(uri + ": the socket's directory " + directory + " does not exist");
        }
        return path;
    }

    /**
     * Makes {@code path} free to bind. A socket file that nobody answers on is left over from a
     * daemon that died: it is removed. A socket that answers, or any other file, is refused.
     */
    static void clear(String uri, Path path) throws ListenerException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException free) {
            return;
        } catch (IOException e) {
            throw new ListenerException(uri + ": cannot inspect " + path + ": " + e.getMessage(), e);
        }
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new ListenerException(uri + ": " + path + " exists and is not a socket; refusing to replace it");
        }
        if (answers(uri, path)) {
            throw new ListenerException(uri + " is in use: a process is already listening on " + path
                    + " (is another daemon running?)");
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new ListenerException(uri + ": cannot remove the stale socket file " + path + ": " + e.getMessage(), e);
        }
        LOG.info("Removed stale socket file {}", path);
    }

    /**
     * Removes the socket file of a closed listener. Jetty removes it when its connector stops, but
     * not when the HTTP server was already gone; a file that cannot be removed is only logged, as
     * the next {@link #clear} will find it stale.
     */
    static void remove(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Could not remove socket file {}: {}", path, e.toString());
        }
    }

    /** Whether a process accepts connections on the socket file at {@code path}. */
    private static boolean answers(String uri, Path path) throws ListenerException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            if (channel.connect(UnixDomainSocketAddress.of(path))) {
                return true;
            }
            channel.register(selector, SelectionKey.OP_CONNECT);
            // still pending after the timeout: a live listener with a full backlog
            return selector.select(PROBE_TIMEOUT.toMillis()) == 0 || channel.finishConnect();
        } catch (ConnectException refused) {
            return false;
        } catch (IOException e) {
            throw new ListenerException(uri + ": cannot tell whether " + path + " is in use: " + e.getMessage(), e);
        }
    }
}
