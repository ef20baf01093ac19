package wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The built distribution, run as a user runs it: target/wharf/bin/wharf. */
@Timeout(60)
class DistIT {
    private static final Path DIST = Path.of(System.getProperty("wharf.dist", "target/wharf"));
    private static final String USAGE = "usage: serveapi PROTO://ADDR [PROTO://ADDR ...]";

    @TempDir
    Path tmp;

    /** A finished run of bin/wharf. */
    private record Run(int exit, String out, String err) {
    }

    private ProcessBuilder wharf(String javaHome, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(DIST.resolve("bin/wharf").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile());
        if (javaHome != null) {
            pb.environment().put("WHARF_JAVA_HOME", javaHome);
        }
        return pb;
    }

    private Run finish(Process p) throws IOException, InterruptedException {
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bin/wharf did not exit");
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out.txt")), Files.readString(tmp.resolve("err.txt")));
    }

    private Run run(String... args) throws IOException, InterruptedException {
        return finish(wharf(null, args).start());
    }

    /** daemon.json of its own, so that a /etc/wharf/daemon.json on the machine cannot interfere. */
    private String emptyConfig() throws IOException {
        return Files.writeString(tmp.resolve("daemon.json"), "{}").toString();
    }

    @Test
    void helpExitsZero() throws Exception {
        Run r = run("-h");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Usage:\twharf [OPTIONS]"), r.out());
        assertTrue(r.out().contains("-H, --host list"), r.out());
    }

    @Test
    void versionPrintsOneLine() throws Exception {
        Run r = run("-v");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("Wharf version \\d+\\.\\d+\\.\\d+, build \\S+\\n"), r.out());
    }

    @Test
    void aMalformedHostIsRefusedBeforeAnythingStarts() throws Exception {
        Run r = run("-H", "bogus");
        assertEquals(2, r.exit());
        assertEquals("invalid argument \"bogus\" for \"-H, --host\" flag: " + USAGE + "\nSee 'wharf --help'.\n",
                r.err());
    }

    @Test
    void servesTheSocketUntilSigterm() throws Exception {
        startPingStop(null);
    }

    @Test
    void runsOnTheBuildsJavaToo() throws Exception {
        String javaHome = System.getProperty("java.home");
        assumeTrue(Runtime.version().feature() < 21, "bin/wharf's own pick already covers Java 21+");
        startPingStop(javaHome);
    }

    @Test
    void aListenerThatCannotOpenIsFatal() throws Exception {
        Process p = wharf(null, "-H", "fd://3", "--data-root", tmp.resolve("data").toString(),
                "--config-file", emptyConfig()).start();
        Run r = finish(p);
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("\nwharf: ") || r.err().startsWith("wharf: "), r.err());
        assertTrue(r.err().contains("'fd'"), r.err());
    }

    private void startPingStop(String javaHome) throws Exception {
        Path socket = tmp.resolve("w.sock");
        Process p = wharf(javaHome, "-H", "unix://" + socket, "--data-root", tmp.resolve("data").toString(),
                "--config-file", emptyConfig()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String answer = null;
            while (answer == null && p.isAlive() && System.nanoTime() < deadline) {
                answer = ping(socket);
                if (answer == null) {
                    Thread.sleep(50);
                }
            }
            assertTrue(answer != null && answer.startsWith("HTTP/1.1 200") && answer.endsWith("\r\n\r\nOK"),
                    "no /_ping answer: " + answer + "\n" + Files.readString(tmp.resolve("err.txt")));
        } finally {
            p.destroy(); // SIGTERM
        }
        Run r = finish(p);
        assertEquals(0, r.exit(), r.err());
        assertFalse(Files.exists(socket), "the socket file outlived the daemon");
        assertTrue(r.err().contains("API listen on unix://" + socket), r.err());
    }

    /** GET /_ping over the unix socket; null while nothing listens there. */
    private static String ping(Path socket) throws IOException {
        if (!Files.exists(socket)) {
            return null;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (ch.read(buf) >= 0 && buf.hasRemaining()) {
                // read until the daemon closes the connection
            }
            return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
        } catch (IOException notYet) {
            return null;
        }
    }
}
