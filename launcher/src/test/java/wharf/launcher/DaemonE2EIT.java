package wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wharf.launcher.DockerCli.Result;
import wharf.testing.TestCertificates;
import wharf.testing.TestCertificates.DockerTlsFiles;
import wharf.testing.TestCertificates.KeyFormat;

/**
 * Starts the distribution's bin/wharf as a user would and drives it with the real docker CLI:
 * over the unix socket, and over TLS tcp with client verification.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DaemonE2EIT {
    private static E2eDaemon daemon;
    private static Path tmp;
    private static Path socket;
    /** The client's DOCKER_CERT_PATH. */
    private static Path certs;
    private static int tlsPort;
    private static DockerCli dockerCli;

    @BeforeAll
    static void start() throws Exception {
        daemon = E2eDaemon.ofDist("e2e");
        tmp = daemon.tmp();
        socket = daemon.socket();
        dockerCli = daemon.docker();
        TestCertificates pki = TestCertificates.create();
        // RSA PKCS#1, as docker-machine and the docs' openssl recipe write it
        DockerTlsFiles server = pki.writeServer(tmp.resolve("server-certs"), KeyFormat.RSA_PKCS1);
        certs = tmp.resolve("certs");
        pki.writeClient(certs);
        tlsPort = freePort();
        daemon.startWith("-H", "tcp://127.0.0.1:" + tlsPort,
                "--tlsverify", "--tlscacert", server.ca().toString(),
                "--tlscert", server.cert().toString(), "--tlskey", server.key().toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void versionShowsTheServerOverTheUnixSocket() throws Exception {
        Result r = docker(unixEnv(), "version", "--format", "{{.Server.APIVersion}} {{.Server.Os}}");
        assertEquals(0, r.exit(), r.output());
        String[] parts = r.output().trim().split(" ");
        String[] v = parts[0].split("\\.");
        assertTrue(Integer.parseInt(v[0]) == 1 && Integer.parseInt(v[1]) >= 44, r.output());
        assertEquals("linux", parts[1]);
    }

    @Test
    void infoShowsThisMachine() throws Exception {
        Result r = docker(unixEnv(), "info", "--format", "{{.NCPU}} {{.DockerRootDir}} {{.OSType}}");
        assertEquals(0, r.exit(), r.output());
        assertEquals(Runtime.getRuntime().availableProcessors() + " " + tmp.resolve("data") + " linux",
                r.output().trim());
    }

    @Test
    void tlsWithAClientCertificateWorks() throws Exception {
        Result r = docker(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + tlsPort, "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", certs.toString()), "version", "--format", "{{.Server.Version}}");
        assertEquals(0, r.exit(), r.output());
        assertFalse(r.output().isBlank());
    }

    @Test
    void aClientWithoutACertificateIsRefused() throws Exception {
        Path noCert = tmp.resolve("ca-only");
        Files.createDirectories(noCert);
        Files.copy(certs.resolve("ca.pem"), noCert.resolve("ca.pem"));
        Result r = docker(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + tlsPort), "--tls", "--tlscacert",
                noCert.resolve("ca.pem").toString(), "version", "--format", "{{.Server.Version}}");
        assertNotEquals(0, r.exit(), r.output());
    }

    private static Map<String, String> unixEnv() {
        return Map.of("DOCKER_HOST", "unix://" + socket);
    }

    static Result docker(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return dockerCli.run(env, null, args);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
