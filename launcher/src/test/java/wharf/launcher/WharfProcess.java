package wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * bin/wharf as the end-to-end tests run it: serving a unix socket of the test's own, its stdout and
 * stderr appended to a log the failures quote, stopped with SIGTERM as a service manager stops it.
 */
final class WharfProcess {
    private static final long READY_SECONDS = 60;
    private static final long STOP_SECONDS = 30;
    private static final long PING_SECONDS = 5;
    private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ping-timeout");
        t.setDaemon(true);
        return t;
    });

    private final Process process;
    private final Path log;

    private WharfProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code wharf -H unix://socket args...} and waits until it answers {@code GET /_ping}
     * there; fails with the log if it exits first or does not answer within a minute.
     */
    static WharfProcess start(Path wharf, Path socket, Path log, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(wharf.toString(), "-H", "unix://" + socket));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        WharfProcess daemon = new WharfProcess(process, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        while (!answersPing(socket)) {
            assertTrue(process.isAlive(), () -> "the daemon exited early:\n" + daemon.log());
            assertTrue(System.nanoTime() < deadline,
                    () -> "the daemon did not answer in " + READY_SECONDS + " s:\n" + daemon.log());
            Thread.sleep(50);
        }
        return daemon;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What the daemon wrote so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /**
     * SIGTERM, then a bounded wait; a daemon still running after it is killed.
     *
     * @return whether it ended on SIGTERM in time (or had ended already)
     */
    boolean stop() throws InterruptedException {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        if (process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            return true;
        }
        process.destroyForcibly();
        return false;
    }

    /** Whether {@code GET /_ping} over the socket answers 200; false while nothing listens there. */
    private static boolean answersPing(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // a channel has no read timeout: closing it from outside bounds a daemon that never answers
            ScheduledFuture<?> timeout = TIMEOUTS.schedule(() -> {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing is all that is wanted
                }
            }, PING_SECONDS, TimeUnit.SECONDS);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.1\r\nHost: wharf\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII)));
                String answer = new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.US_ASCII);
                return answer.startsWith("HTTP/1.1 200 ");
            } finally {
                timeout.cancel(false);
            }
        } catch (IOException notYet) {
            return false;
        }
    }
}
