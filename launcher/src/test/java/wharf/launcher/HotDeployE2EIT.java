package wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wharf.launcher.DockerCli.Result;
import wharf.testing.HotRoutes;
import java.time.Duration;

/**
 * Hot install as a user does it, on a copy of the distribution so its deploy/ is this test's own:
 * a route bundle dropped into deploy/ goes live (the time is measured and printed), bin/wharf's
 * management commands see it, removing the jar takes it away; the same through
 * {@code wharf bundle install|uninstall}; and .cfg files in deploy/ change CORS, the listeners and the
 * log level live.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HotDeployE2EIT {
    private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "exchange-timeout");
        t.setDaemon(true);
        return t;
    });

    private static final long LIVE_LIMIT_MS = 1000;
    private static E2eDaemon daemon;
    private static Path tmp;
    private static Path home;
    private static Path socket;
    private static DockerCli dockerCli;

    @BeforeAll
    static void start() throws Exception {
        daemon = E2eDaemon.ofCopy("hot");
        tmp = daemon.tmp();
        Path config = Files.writeString(tmp.resolve("daemon.json"), "{}");
        daemon.startWith("--config-file", config.toString());
        home = daemon.home();
        socket = daemon.socket();
        dockerCli = daemon.docker();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void aJarDroppedIntoDeployIsLiveWithinASecondAndGoesWithTheJar() throws Exception {
        Path built = Files.write(tmp.resolve("e2e-hot.jar"), routeBundle("wharf.e2e.hot", "1.0.0", "/hot/deployed"));
        Path deployed = home.resolve("deploy").resolve("e2e-hot.jar");
        long start = System.nanoTime();
        Files.move(built, deployed, StandardCopyOption.ATOMIC_MOVE);
        await("the dropped bundle's route to answer", 10_000, () -> get("/hot/deployed").status() == 200);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("HotDeployE2EIT: jar in deploy/ to a live route: " + millis + " ms");
        assertTrue(millis < LIVE_LIMIT_MS, "the route took " + millis + " ms to go live\n" + daemon.log());

        Result routes = wharf("routes");
        assertEquals(0, routes.exit(), routes.output());
        assertTrue(routes.output().lines().anyMatch(l -> l.startsWith("GET ") && l.contains("/hot/deployed")
                && l.contains("wharf.e2e.hot 1.0.0")), routes.output());

        long removed = System.nanoTime();
        Files.delete(deployed);
        await("the route to be gone", 10_000, () -> get("/hot/deployed").status() == 404);
        System.out.println("HotDeployE2EIT: jar removed from deploy/ to 404: "
                + (System.nanoTime() - removed) / 1_000_000 + " ms");
        assertFalse(wharf("routes").output().contains("/hot/deployed"));
    }

    @Test
    void wharfBundleInstallAndUninstallGoThroughTheApi() throws Exception {
        Path jar = Files.write(tmp.resolve("e2e-api.jar"), routeBundle("wharf.e2e.api", "2.0.0", "/hot/api"));
        Result installed = wharf("bundle", "install", jar.toString());
        assertEquals(0, installed.exit(), installed.output());
        assertTrue(installed.output().startsWith("Installed wharf.e2e.api 2.0.0 (bundle "), installed.output());
        assertEquals(200, get("/hot/api").status());
        assertTrue(wharf("routes").output().contains("/hot/api"));
        assertTrue(wharf("bundle", "ls").output().lines()
                .anyMatch(l -> l.contains("wharf.e2e.api") && l.contains("2.0.0") && l.endsWith("active")));
        assertTrue(wharf("jobs").output().lines().anyMatch(l -> l.startsWith("serveapi ") && l.contains("wharf.server")));

        Files.write(jar, routeBundle("wharf.e2e.api", "2.0.1", "/hot/api"));
        Result updated = wharf("bundle", "update", jar.toString());
        assertTrue(updated.output().startsWith("Updated wharf.e2e.api 2.0.1"), updated.output());
        assertEquals("{\"version\":\"2.0.1\"}\n", get("/hot/api").body());

        Result uninstalled = wharf("bundle", "uninstall", "wharf.e2e.api");
        assertEquals(0, uninstalled.exit(), uninstalled.output());
        assertEquals(404, get("/hot/api").status());
        assertFalse(wharf("routes").output().contains("/hot/api"));

        Result refused = wharf("bundle", "stop", "wharf.server");
        assertEquals(1, refused.exit());
        assertTrue(refused.output().startsWith("Error response from daemon: cannot stop bundle wharf.server"),
                refused.output());
        assertEquals(200, get("/_ping").status(), "the server kept running");
    }

    /**
     * The example authorization policy (examples/authz.bundle) dropped into deploy/ refuses a
     * privileged create with dockerd's 403 and message; once its jar is gone the request gets past
     * authorization to the create job (404: this daemon has no busybox image). The body is what
     * {@code docker create --privileged busybox} sends, sent raw, and the docker CLI meets the same
     * refusal. LiveUpdateE2EIT runs privileged containers past the policy and after it.
     */
    @Test
    void theAuthzExampleInDeployRefusesAPrivilegedCreateUntilItsJarIsRemoved() throws Exception {
        String privileged = "{\"Image\":\"busybox\",\"HostConfig\":{\"Privileged\":true}}";
        assertFalse(post("/v1.47/containers/create", privileged).body().contains("authorization denied"));
        Path jar = Path.of(System.getProperty("example.authz.jar"));
        Path deployed = home.resolve("deploy").resolve("example-authz.jar");
        Path staged = Files.copy(jar, tmp.resolve("example-authz.jar"));
        long start = System.nanoTime();
        Files.move(staged, deployed, StandardCopyOption.ATOMIC_MOVE);
        await("the policy to refuse", 10_000, () -> post("/v1.47/containers/create", privileged).status() == 403);
        System.out.println("HotDeployE2EIT: policy jar in deploy/ to its first refusal: "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
        Response refused = post("/v1.47/containers/create", privileged);
        assertEquals("application/json", refused.header("Content-Type"));
        assertEquals("{\"message\":\"authorization denied by plugin example.authz: privileged containers are not"
                + " allowed\"}\n", refused.body());
        assertEquals(200, get("/_ping").status(), "other requests pass");
        // the docker CLI meets the refusal at its first request, before it would look for the image
        Result cli = docker("create", "--privileged", "busybox");
        assertEquals(1, cli.exit(), cli.output());
        assertTrue(cli.output().contains("Error response from daemon: authorization denied by plugin example.authz:"
                + " privileged containers are not allowed"), cli.output());

        Files.delete(deployed);
        await("the policy to be gone", 10_000, () -> post("/v1.47/containers/create", privileged).status() != 403);
        Response after = post("/v1.47/containers/create", privileged);
        assertEquals("{\"message\":\"No such image: busybox:latest\"}\n", after.body());
    }

    @Test
    void aCfgInDeploySetsTheCorsOriginLive() throws Exception {
        assertNull(get("/_ping").header("Access-Control-Allow-Origin"));
        Path cfg = home.resolve("deploy").resolve("wharf.server.cfg");
        drop(cfg, "corsOrigin = https://e2e.example\n");
        await("CORS to follow the configuration", 10_000,
                () -> "https://e2e.example".equals(get("/_ping").header("Access-Control-Allow-Origin")));
        Files.delete(cfg);
        await("CORS to be off again", 10_000, () -> get("/_ping").header("Access-Control-Allow-Origin") == null);
        assertTrue(daemon.isAlive());
    }

    @Test
    void aListenerCfgInDeployOpensMovesAndClosesAListener() throws Exception {
        Path first = tmp.resolve("extra-1.sock");
        Path second = tmp.resolve("extra-2.sock");
        Path cfg = home.resolve("deploy").resolve("wharf.listeners-extra.cfg");
        drop(cfg, "address = unix://" + first + "\n");
        await("the configured listener to answer", 10_000, () -> answers(first));
        drop(cfg, "address = unix://" + second + "\n");
        await("the listener to move", 10_000, () -> answers(second) && !answers(first));
        Files.delete(cfg);
        await("the listener to close", 10_000, () -> !answers(second));
        assertEquals(200, get("/_ping").status(), "the -H listener stays");
    }

    /**
     * deploy/wharf.logging.cfg turns debug logging on live: the access log's "Calling GET ..." line,
     * logged at debug, appears for each request; removing the file goes back to -l's info and the
     * lines stop. Each probe asks for a path of its own, so a line names the one request it logs.
     */
    @Test
    void aLoggingCfgInDeployChangesTheLogLevelLive() throws Exception {
        assertFalse(logsCalling("/e2e-level/before"), daemon.log());
        Path cfg = home.resolve("deploy").resolve("wharf.logging.cfg");
        drop(cfg, "level = debug\n");
        int[] probe = {0};
        await("debug lines to appear", 10_000, () -> logsCalling("/e2e-level/on-" + probe[0]++));
        assertTrue(daemon.log().contains(" INFO LiveLogLevel - Log level set to debug by wharf.logging"), daemon.log());

        drop(cfg, "level = loud\n");
        await("the refusal", 10_000, () -> daemon.log().contains(" ERROR LiveLogLevel - Ignoring level \"loud\""));
        assertTrue(logsCalling("/e2e-level/kept"), "debug stays after an unknown level\n" + daemon.log());

        Files.delete(cfg);
        await("debug lines to stop", 10_000, () -> !logsCalling("/e2e-level/off-" + probe[0]++));
        assertFalse(logsCalling("/e2e-level/after"), daemon.log());
    }

    /**
     * Whether the daemon logged the request it just answered: the access log writes its line before
     * the request is handled, so once the answer is here the line is in the log or never will be.
     */
    private static boolean logsCalling(String path) throws IOException {
        assertEquals(404, get(path).status());
        return daemon.log().contains(" DEBUG access - Calling GET " + path + "\n");
    }

    private static boolean answers(Path socket) {
        try {
            return get(socket, "/_ping").status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes a file beside deploy/ and moves it in, so FileInstall never reads half of it. */
    private static void drop(Path target, String content) throws IOException {
        Path written = Files.writeString(tmp.resolve(target.getFileName() + ".tmp"), content);
        Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A bundle whose {@link HotRoutes} activator serves {@code GET path} with its version. */
    static byte[] routeBundle(String symbolicName, String version, String path) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        main.putValue("Bundle-Activator", HotRoutes.class.getName());
        main.putValue("Import-Package", "org.osgi.framework;version=\"[1.8,2)\",wharf.server.api;version=\"[1.0,2)\"");
        main.putValue(HotRoutes.PATH, path);
        String entry = HotRoutes.class.getName().replace('.', '/') + ".class";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest);
                InputStream classFile = HotRoutes.class.getResourceAsStream("/" + entry)) {
            jar.putNextEntry(new JarEntry(entry));
            classFile.transferTo(jar);
        }
        return bytes.toByteArray();
    }

    /** The docker CLI against the daemon's socket, with a configuration of its own; stdout and stderr together. */
    private static Result docker(String... args) throws IOException, InterruptedException {
        return dockerCli.run(args);
    }

    /** bin/wharf as a client of the daemon, stdout and stderr together. */
    private static Result wharf(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/wharf").toString(), "-H", "unix://" + socket));
        command.addAll(List.of(args));
        return DockerCli.run(new ProcessBuilder(command));
    }

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    static Response get(String path) throws IOException {
        return get(socket, path);
    }

    /** GET over a unix socket on a fresh connection that the daemon closes after answering. */
    static Response get(Path socket, String path) throws IOException {
        return exchange(socket, "GET " + path + " HTTP/1.1\r\nHost: wharf\r\nConnection: close\r\n\r\n");
    }

    /** POST of a JSON body, as the docker CLI sends one. */
    static Response post(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return exchange(socket, "POST " + path + " HTTP/1.1\r\nHost: wharf\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n" + json);
    }

    private static Response exchange(Path socket, String request) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // A channel has no read timeout: close it from outside so that a daemon that never
            // answers fails the test with its log instead of hanging the build.
            ScheduledFuture<?> timeout = TIMEOUTS.schedule(() -> {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing is all that is wanted
                }
            }, 15, TimeUnit.SECONDS);
            try {
                return exchange(ch, socket, request);
            } finally {
                timeout.cancel(false);
            }
        }
    }

    private static Response exchange(SocketChannel ch, Path socket, String request) throws IOException {
        ch.connect(UnixDomainSocketAddress.of(socket));
        ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            ch.write(out);
        }
        String answer = new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
        int end = answer.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("the connection closed without an answer: " + answer);
        }
        String[] head = answer.substring(0, end).split("\r\n");
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.put(head[i].substring(0, colon).trim(), head[i].substring(colon + 1).trim());
        }
        return new Response(Integer.parseInt(head[0].split(" ")[1]), headers, answer.substring(end + 4));
    }

    private static void await(String what, long millis, E2e.Probe probe) throws Exception {
        daemon.await(what, Duration.ofMillis(millis), probe);
    }
}
