package wharf.launcher.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands against a unix socket that answers as the daemon's management API would:
 * what goes on the wire, how answers and errors are printed, and the exit codes.
 */
@Timeout(20)
class ClientTest {
    @TempDir
    Path tmp;
    private Path socket;
    private ServerSocketChannel server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void listen() throws IOException {
        socket = tmp.resolve("w.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    /** Answers the next requests with these raw answers, one connection each; gives what was asked. */
    private CompletableFuture<List<String>> answer(String... answers) {
        return CompletableFuture.supplyAsync(() -> {
            List<String> asked = new java.util.ArrayList<>();
            for (String answer : answers) {
                try (SocketChannel ch = server.accept()) {
                    InputStream in = Channels.newInputStream(ch);
                    asked.add(request(in));
                    OutputStream o = Channels.newOutputStream(ch);
                    o.write(answer.getBytes(StandardCharsets.UTF_8));
                    o.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return asked;
        });
    }

    /** The request line and headers, and the body its Content-Length announces, as text. */
    private static String request(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    private static String json(int status, String body) {
        return "HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static String chunked(String body) {
        return "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n"
                + body + "\r\n0\r\n\r\n";
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    private String host() {
        return "unix://" + socket;
    }

    @Test
    void bundleLsPrintsATable() throws Exception {
        CompletableFuture<List<String>> asked = answer(chunked(
                "[{\"Id\":0,\"Name\":\"org.apache.felix.framework\",\"Version\":\"7.0.5\",\"State\":\"active\"},"
                        + "{\"Id\":7,\"Name\":\"wharf.server\",\"Version\":\"0.1.0\",\"State\":\"resolved\"}]"));
        assertEquals(0, run("-H", host(), "bundle", "ls"), err.toString());
        assertTrue(asked.get().get(0).startsWith("GET /_wharf/bundles HTTP/1.1\r\n"), asked.get().get(0));
        assertEquals("""
                ID   NAME                         VERSION   STATE
                0    org.apache.felix.framework   7.0.5     active
                7    wharf.server                 0.1.0     resolved
                """, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theDaemonsRefusalIsPrintedWithExitOne() throws Exception {
        answer(json(409, "{\"message\":\"cannot stop bundle wharf.server 0.1.0 through the management API\"}\n"));
        assertEquals(1, run("-H", host(), "bundle", "stop", "wharf.server"));
        assertEquals("Error response from daemon: cannot stop bundle wharf.server 0.1.0 through the management API\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void installSendsTheJarAndUpdateRefusesANameThatIsNotInstalled() throws Exception {
        Path jar = tmp.resolve("hot.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "x.hot");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            j.flush();
        }
        CompletableFuture<List<String>> asked = answer(json(200, "[]"),
                json(201, "{\"Id\":42,\"Name\":\"x.hot\",\"Version\":\"1.0.0\",\"State\":\"active\"}"));
        assertEquals(0, run("-H", host(), "bundle", "install", jar.toString()), err.toString());
        String post = asked.get().get(1);
        assertTrue(post.startsWith("POST /_wharf/bundles HTTP/1.1\r\n"), post);
        assertTrue(post.contains("Content-Length: " + Files.size(jar) + "\r\n"), post);
        assertTrue(post.endsWith(Files.readString(jar, StandardCharsets.ISO_8859_1)), "the jar is the body");
        assertEquals("Installed x.hot 1.0.0 (bundle 42, active)\n", out.toString(StandardCharsets.UTF_8));

        answer(json(200, "[]"));
        assertEquals(1, run("-H", host(), "bundle", "update", jar.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no bundle named x.hot is installed"), err.toString());
    }

    @Test
    void noDaemonAndBadUsageAreReported() throws Exception {
        assertEquals(1, run("-H", "unix://" + tmp.resolve("none.sock"), "routes"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("Cannot connect to the Wharf daemon at unix://"),
                err.toString());
        err.reset();
        assertEquals(2, run("-H", host(), "bundle", "frobnicate"));
        assertEquals("unknown command \"frobnicate\" for \"wharf bundle\"\nSee 'wharf --help'.\n",
                err.toString(StandardCharsets.UTF_8));
    }
}
