package wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon one end-to-end test class drives: a temp directory of its own, bin/wharf serving a
 * unix socket there over a data root there, and the docker CLI against it; close() stops the
 * daemon on SIGTERM and removes the directory. With {@code -Dwharf.e2e.socket=/path/docker.sock}
 * a class that starts it with {@link #startOrExternal} runs against a daemon already listening
 * there (dockerd) instead.
 */
final class E2eDaemon implements AutoCloseable {
    private static final Path DIST = Path.of(System.getProperty("wharf.dist", "target/wharf"));
    private static final String EXTERNAL = System.getProperty("wharf.e2e.socket", "");
    private static final Duration POLL = Duration.ofMillis(10);

    private final Path tmp;
    private final Path home;
    private final Path socket;
    private final boolean external;
    private final DockerCli docker;
    private List<String> command;
    private WharfProcess process;
    private String image;

    private E2eDaemon(Path tmp, Path home, Path socket, boolean external) {
        this.tmp = tmp;
        this.home = home;
        this.socket = socket;
        this.external = external;
        this.docker = new DockerCli(socket, tmp.resolve("docker-config"));
    }

    /** The daemon at wharf.e2e.socket if that is set, else {@link #start}. */
    static E2eDaemon startOrExternal(String name, String... args) throws Exception {
        if (!EXTERNAL.isEmpty()) {
            return new E2eDaemon(Files.createTempDirectory("wharf-" + name), DIST, Path.of(EXTERNAL), true);
        }
        return start(name, args);
    }

    /** The distribution's bin/wharf, started with the arguments. */
    static E2eDaemon start(String name, String... args) throws Exception {
        E2eDaemon daemon = ofDist(name);
        try {
            daemon.startWith(args);
            return daemon;
        } catch (Exception | AssertionError e) {
            E2e.deleteTree(daemon.tmp);
            throw e;
        }
    }

    /** Not started yet: the distribution's bin/wharf, for tests that write files for it first. */
    static E2eDaemon ofDist(String name) throws IOException {
        Path tmp = Files.createTempDirectory("wharf-" + name);
        return new E2eDaemon(tmp, DIST, tmp.resolve("wharf.sock"), false);
    }

    /**
     * Not started yet: a copy of the distribution in the temp directory, for tests that change its
     * files (deploy/, bundle/); always this daemon, never one at wharf.e2e.socket.
     */
    static E2eDaemon ofCopy(String name) throws IOException {
        Path tmp = Files.createTempDirectory("wharf-" + name);
        E2eDaemon daemon = new E2eDaemon(tmp, tmp.resolve("wharf"), tmp.resolve("wharf.sock"), false);
        try {
            E2e.copyTree(DIST, daemon.home);
            return daemon;
        } catch (IOException e) {
            E2e.deleteTree(tmp);
            throw e;
        }
    }

    /** Starts bin/wharf with a data root in the temp directory and the arguments; waits until it answers. */
    void startWith(String... args) throws Exception {
        command = new ArrayList<>(List.of("--data-root", tmp.resolve("data").toString()));
        command.addAll(List.of(args));
        launch();
    }

    /**
     * Imports the busybox image (see {@link BusyboxImage}) as {@code name}; an external daemon keeps
     * its images, so close() removes it there again.
     */
    void importBusybox(String name) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(BusyboxImage.BUSYBOX), "busybox-static is not installed (test.sh installs it)");
        BusyboxImage.importAs(docker, tmp.resolve("rootfs"), name);
        image = name;
    }

    /** Whether the daemon is one already running at wharf.e2e.socket, which this class neither starts nor stops. */
    boolean external() {
        return external;
    }

    /** The directory the tests may write to; gone after close(). */
    Path tmp() {
        return tmp;
    }

    /** The distribution the daemon runs from (bin/, bundle/, deploy/ …). */
    Path home() {
        return home;
    }

    Path socket() {
        return socket;
    }

    DockerCli docker() {
        return docker;
    }

    /** What the daemon wrote so far. */
    String log() {
        return process == null ? "(not started here)" : process.log();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Stops the daemon on SIGTERM and starts it again on the same data root. */
    void restart() throws Exception {
        stop();
        launch();
    }

    /**
     * Polls the probe every 10 ms until it holds; fails at once if the daemon exits and after
     * {@code within} with the daemon's log. An IOException from the probe counts as not yet.
     */
    void await(String what, Duration within, E2e.Probe probe) throws Exception {
        E2e.await(within, POLL, () -> {
            assertTrue(external() || isAlive(), () -> "the daemon exited:\n" + log());
            return probe.holds();
        }, () -> "timed out waiting for " + what + "\n" + log());
    }

    /**
     * Stops the daemon started here (it must end on SIGTERM), or removes the image from an external
     * one; then removes the temp directory.
     */
    @Override
    public void close() throws Exception {
        try {
            if (external && image != null) {
                docker.run("rmi", image);
            }
            stop();
        } finally {
            E2e.deleteTree(tmp);
        }
    }

    private void launch() throws Exception {
        process = WharfProcess.start(home.resolve("bin/wharf"), socket, tmp.resolve("daemon.log"),
                command.toArray(String[]::new));
    }

    private void stop() throws InterruptedException {
        if (process != null && !process.stop()) {
            throw new AssertionError("the daemon did not stop on SIGTERM in 30 s:\n" + process.log());
        }
    }
}
