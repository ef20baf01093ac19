package wharf.launcher.main;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * HTTP/1.1 to the daemon's API over a unix socket ({@code unix:///path}) or plain tcp
 * ({@code tcp://host:port}), with the JDK only: one request per connection, the answer read to
 * its end (by Content-Length, chunked, or the server's close).
 */
final class ManagementClient {
    private final String host;

    ManagementClient(String host) {
        this.host = host;
    }

    /** An answer: the status and the body as text. */
    record Response(int status, String body) {
    }

    /** The daemon could not be reached at all. */
    static final class UnreachableException extends IOException {
        private static final long serialVersionUID = 1L;

        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    String host() {
        return host;
    }

    /** Sends a request, with the file as its body when one is given. */
    Response send(String method, String path, Path body) throws IOException {
        try (Connection c = connect()) {
            long length = body == null ? 0 : Files.size(body);
            StringBuilder head = new StringBuilder()
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: wharf\r\n")
                    .append("User-Agent: wharf-cli\r\n")
                    .append("Connection: close\r\n")
                    .append("Content-Length: ").append(length).append("\r\n");
            if (body != null) {
                head.append("Content-Type: application/java-archive\r\n");
            }
            head.append("\r\n");
            c.out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                Files.copy(body, c.out);
            }
            c.out.flush();
            return read(new BufferedInputStream(c.in));
        }
    }

    /** An open connection's two streams and what closes it. */
    private record Connection(InputStream in, OutputStream out, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                closer.close();
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }

    private Connection connect() throws IOException {
        URI uri = URI.create(host);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        try {
            switch (scheme) {
                case "unix": {
                    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                    try {
                        ch.connect(UnixDomainSocketAddress.of(uri.getPath()));
                    } catch (IOException e) {
                        ch.close();
                        throw e;
                    }
                    return new Connection(Channels.newInputStream(ch), Channels.newOutputStream(ch), ch);
                }
                case "tcp": {
                    Socket s = new Socket();
                    try {
                        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
                    } catch (IOException e) {
                        s.close();
                        throw e;
                    }
                    return new Connection(s.getInputStream(), s.getOutputStream(), s);
                }
                default:
                    throw new IllegalArgumentException("unsupported host " + host + ": use unix:///path or tcp://host:port");
            }
        } catch (IOException e) {
            throw new UnreachableException("Cannot connect to the Wharf daemon at " + host
                    + ". Is the wharf daemon running?", e);
        }
    }

    static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = l.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body;
        if (chunked) {
            body = chunked(in);
        } else if (length >= 0) {
            body = in.readNBytes((int) length);
            if (body.length < length) {
                throw new EOFException("the daemon closed the connection mid-answer");
            }
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new EOFException("the daemon closed the connection mid-chunk");
            }
            body.write(chunk);
            line(in);
        }
        while (!line(in).isEmpty()) {
            // trailers, which the management API does not send
        }
        return body.toByteArray();
    }

    private static int chunkSize(InputStream in) throws IOException {
        return Integer.parseInt(line(in).split(";", 2)[0].trim(), 16);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream l = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the daemon closed the connection");
            }
            if (c != '\r') {
                l.write(c);
            }
        }
        return l.toString(StandardCharsets.US_ASCII);
    }
}
