package wharf.itests;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A raw HTTP/1.1 client connection over a unix socket, plain TCP or TLS: it writes requests as
 * bytes and reads answers as the docker client sees them, so tests can check status lines and
 * header spellings, keep-alive, and what follows a {@code 101}. Reads time out, so a test never
 * hangs on a silent server.
 */
final class RawHttp implements AutoCloseable {
    static final int READ_TIMEOUT_MS = 10_000;

    private final InputStream in;
    private final OutputStream out;
    private final Closer halfClose;
    private final AutoCloseable connection;

    private RawHttp(InputStream in, OutputStream out, Closer halfClose, AutoCloseable connection) {
        this.in = in;
        this.out = out;
        this.halfClose = halfClose;
        this.connection = connection;
    }

    /** Connects to a unix socket; the JDK's channel does it without native libraries. */
    static RawHttp unix(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "raw-http-read-timeout");
            t.setDaemon(true);
            return t;
        });
        return new RawHttp(new ChannelIn(ch, watchdog), new ChannelOut(ch), ch::shutdownOutput, () -> {
            watchdog.shutdownNow();
            ch.close();
        });
    }

    static RawHttp tcp(int port) throws IOException {
        return tcp("127.0.0.1", port);
    }

    /** Plain tcp to another loopback address, such as 127.0.0.2. */
    static RawHttp tcp(String host, int port) throws IOException {
        Socket s = new Socket();
        connect(s, host, port);
        return new RawHttp(s.getInputStream(), s.getOutputStream(), s::shutdownOutput, s);
    }

    /** TLS to 127.0.0.1, checking the server certificate's IP address as a docker client does. */
    static RawHttp tls(int port, SSLContext context) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket();
        SSLParameters params = s.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(params);
        connect(s, port);
        try {
            s.startHandshake();
        } catch (IOException e) {
            s.close();
            throw e;
        }
        // SSLSocket's half-close sends close_notify and leaves the read side open (JDK 11+)
        return new RawHttp(s.getInputStream(), s.getOutputStream(), s::shutdownOutput, s);
    }

    private static void connect(Socket s, int port) throws IOException {
        connect(s, "127.0.0.1", port);
    }

    private static void connect(Socket s, String host, int port) throws IOException {
        try {
            s.connect(new InetSocketAddress(host, port), READ_TIMEOUT_MS);
            s.setSoTimeout(READ_TIMEOUT_MS);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Sends a request without a body and reads its answer. */
    Response request(String method, String path) throws IOException {
        send(method + " " + path + " HTTP/1.1\r\nHost: wharf\r\n\r\n");
        return readResponse(method.equals("HEAD"));
    }

    /** Sends a request with a body and reads its answer. */
    Response request(String method, String path, String contentType, byte[] body) throws IOException {
        send(method + " " + path + " HTTP/1.1\r\nHost: wharf\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.length + "\r\n\r\n");
        send(body);
        return readResponse(false);
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads a status line, the headers, and the body the headers announce (none for HEAD, 1xx, 204, 304). */
    Response readResponse(boolean head) throws IOException {
        Response start = readHead();
        int status = start.status();
        Map<String, String> headers = start.headers();
        String statusLine = start.statusLine();
        String body = "";
        if (!head && status >= 200 && status != 204 && status != 304) {
            if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
                body = chunked();
            } else if (headers.containsKey("Content-Length")) {
                body = new String(readExactly(Integer.parseInt(headers.get("Content-Length"))), StandardCharsets.UTF_8);
            } else {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return new Response(status, statusLine, headers, body);
    }

    /** Reads a status line and the headers only, leaving a stream's body to be read as it comes. */
    Response readHead() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 status line: " + statusLine);
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim(), l.substring(colon + 1).trim());
        }
        return new Response(Integer.parseInt(statusLine.substring(9, 12)), statusLine, headers, "");
    }

    /** The data of a chunked body's next chunk, or null at its last (zero-size) chunk, whose trailers it reads. */
    String readChunk() throws IOException {
        int size = Integer.parseInt(line().split(";")[0].trim(), 16);
        if (size == 0) {
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers carry nothing the tests look at
            }
            return null;
        }
        String data = new String(readExactly(size), StandardCharsets.UTF_8);
        line();
        return data;
    }

    byte[] readExactly(int n) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) {
                throw new EOFException("connection closed after " + off + " of " + n + " bytes: "
                        + new String(b, 0, off, StandardCharsets.UTF_8));
            }
            off += r;
        }
        return b;
    }

    String readExactly(String expected) throws IOException {
        return new String(readExactly(expected.getBytes(StandardCharsets.UTF_8).length), StandardCharsets.UTF_8);
    }

    /** Everything up to the server's close. */
    String readToEof() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Closes our sending side only, as the docker CLI does after stdin ends. */
    void shutdownOutput() throws IOException {
        halfClose.close();
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }

    /** A chunked body: size lines in hex, each chunk followed by CRLF, a zero size, then trailers. */
    private String chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int size;
        while ((size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0) {
            body.write(readExactly(size));
            line();
        }
        String trailer;
        do {
            trailer = line();
        } while (!trailer.isEmpty());
        return body.toString(StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        ByteArrayOutputStream l = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("connection closed mid-line: " + l.toString(StandardCharsets.UTF_8));
            }
            l.write(c);
        }
        String s = l.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** An answer: the status, its line as sent, headers by case-insensitive name, the body. */
    record Response(int status, String statusLine, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }

        @Override
        public String toString() {
            return statusLine + " " + headers + " " + body.strip();
        }
    }

    @FunctionalInterface
    private interface Closer {
        void close() throws IOException;
    }

    /**
     * Reads straight from the channel: streams from {@code Channels} would share one lock for
     * reading and writing, which a hijacked session does at the same time.
     */
    private static final class ChannelIn extends InputStream {
        private final SocketChannel ch;
        private final ScheduledExecutorService watchdog;

        ChannelIn(SocketChannel ch, ScheduledExecutorService watchdog) {
            this.ch = ch;
            this.watchdog = watchdog;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            // a blocking unix channel has no read timeout: closing it ends a read that waits too long
            ScheduledFuture<?> guard = watchdog.schedule(() -> closeQuietly(ch), READ_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            try {
                return ch.read(ByteBuffer.wrap(b, off, len));
            } catch (AsynchronousCloseException e) {
                throw new SocketTimeoutException("no bytes within " + READ_TIMEOUT_MS + " ms");
            } finally {
                guard.cancel(false);
            }
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // closing only to end a read; nothing else to do
        }
    }

    private static final class ChannelOut extends OutputStream {
        private final SocketChannel ch;

        ChannelOut(SocketChannel ch) {
            this.ch = ch;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }
}
