package wharf.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's docker-registry (distribution 2.8) on 127.0.0.1 at a free port, with its storage and
 * its config in a directory of the test's: plain, with htpasswd Basic auth (Apache's htpasswd,
 * from apache2-utils, hashes the password), or trusting a {@link TokenIssuer}. Stopped by
 * {@link #close()}.
 */
public final class LocalRegistry implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final Path dir;

    private LocalRegistry(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static LocalRegistry plain(Path dir) throws IOException, InterruptedException {
        return start(dir, "");
    }

    /** With Basic auth for one user, the password hashed by Apache's htpasswd (bcrypt). */
    public static LocalRegistry htpasswd(Path dir, String user, String password) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path file = dir.resolve("htpasswd");
        Process p = new ProcessBuilder("htpasswd", "-Bbn", user, password).redirectErrorStream(true).start();
        byte[] line = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("htpasswd failed (apt-get install apache2-utils): " + new String(line, StandardCharsets.UTF_8));
        }
        Files.write(file, line);
        return start(dir, """
                auth:
                  htpasswd:
                    realm: basic-realm
                    path: %s
                """.formatted(file));
    }

    /** Trusting tokens from an issuer whose signing certificate is in {@code certificate}. */
    public static LocalRegistry token(Path dir, String realm, String service, String issuer, Path certificate)
            throws IOException, InterruptedException {
        return start(dir, """
                auth:
                  token:
                    realm: %s
                    service: %s
                    issuer: %s
                    rootcertbundle: %s
                """.formatted(realm, service, issuer, certificate));
    }

    private static LocalRegistry start(Path dir, String auth) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install -y docker-registry");
        }
        Files.createDirectories(dir);
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path config = dir.resolve("config.yml");
            Files.writeString(config, """
                    version: 0.1
                    log:
                      level: warn
                      accesslog:
                        disabled: true
                    storage:
                      filesystem:
                        rootdirectory: %s
                    http:
                      addr: 127.0.0.1:%d
                    %s""".formatted(dir.resolve("storage"), port, auth));
            Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("registry.log").toFile()))
                    .start();
            LocalRegistry registry = new LocalRegistry(process, port, dir);
            try {
                registry.awaitReady();
                return registry;
            } catch (IOException e) {
                registry.close();
                last = e;
            }
        }
        throw last;
    }

    /** {@code 127.0.0.1:<port>}, as a reference names it. */
    public String domain() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://" + domain() + path);
    }

    /** Where the registry keeps a blob's bytes (distribution's filesystem driver layout). */
    public Path blobData(String digest) {
        String hex = digest.substring("sha256:".length());
        return dir.resolve("storage/docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex)
                .resolve("data");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            try {
                http.send(HttpRequest.newBuilder(uri("/v2/")).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException("docker-registry did not answer within " + STARTUP);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
