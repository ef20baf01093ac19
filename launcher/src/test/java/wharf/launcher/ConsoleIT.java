package wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** bin/wharf --console: a Gogo shell on the daemon's own stdin/stdout, and no Gogo at all without the flag. */
@Timeout(90)
class ConsoleIT {
    private static final Path DIST = Path.of(System.getProperty("wharf.dist", "target/wharf"));
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path tmp;

    @Test
    void theConsoleListsTheBundlesAndStopsTheDaemon() throws Exception {
        Path socket = tmp.resolve("w.sock");
        Process p = daemon(socket, "--console");
        try {
            awaitSocket(p, socket);
            assertTrue(bundles(socket).contains("org.apache.felix.gogo.shell"), "the console is not installed");

            OutputStream stdin = p.getOutputStream();
            send(stdin, "lb -s");
            awaitOutput(p, out -> out.contains("wharf.server"));
            send(stdin, "stop 0");
            assertTrue(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "stop 0 did not end bin/wharf");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("err.txt")));
        assertFalse(Files.exists(socket), "the socket file outlived the daemon");
    }

    @Test
    void withoutTheFlagNoConsoleIsInstalled() throws Exception {
        Path socket = tmp.resolve("w.sock");
        Process p = daemon(socket);
        try {
            awaitSocket(p, socket);
            String bundles = bundles(socket);
            assertTrue(bundles.contains("wharf.server"), bundles);
            assertFalse(bundles.contains("gogo"), bundles);
        } finally {
            p.destroy(); // SIGTERM
        }
        assertTrue(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "bin/wharf did not stop on SIGTERM");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("err.txt")));
    }

    /** The daemon on its own socket, data root and empty daemon.json; stdin stays a pipe to this test. */
    private Process daemon(Path socket, String... extra) throws IOException {
        Path config = Files.writeString(tmp.resolve("daemon.json"), "{}");
        List<String> command = new ArrayList<>(List.of(DIST.resolve("bin/wharf").toString(), "-H", "unix://" + socket,
                "--data-root", tmp.resolve("data").toString(), "--config-file", config.toString()));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command)
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile())
                .start();
    }

    /** bin/wharf bundle ls against the running daemon. */
    private String bundles(Path socket) throws IOException, InterruptedException {
        Path out = tmp.resolve("ls.txt");
        Process ls = new ProcessBuilder(DIST.resolve("bin/wharf").toString(), "-H", "unix://" + socket, "bundle", "ls")
                .redirectOutput(out.toFile())
                .redirectErrorStream(true)
                .start();
        assertTrue(ls.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "bundle ls did not finish");
        String text = Files.readString(out);
        assertEquals(0, ls.exitValue(), text);
        return text;
    }

    private static void send(OutputStream stdin, String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Waits until the API's socket exists: the daemon is serving. */
    private void awaitSocket(Process p, Path socket) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!Files.exists(socket) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(socket), "the daemon did not listen on " + socket + ":\n"
                + Files.readString(tmp.resolve("err.txt")));
    }

    private void awaitOutput(Process p, Predicate<String> wanted) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        String out = Files.readString(tmp.resolve("out.txt"));
        while (!wanted.test(out) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            out = Files.readString(tmp.resolve("out.txt"));
        }
        assertTrue(wanted.test(out), "not on the console's output:\n" + out);
    }
}
