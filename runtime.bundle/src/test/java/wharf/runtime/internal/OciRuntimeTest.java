package wharf.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import wharf.runtime.api.ContainerState;
import wharf.runtime.api.RuntimeSpec;

/** Real containers: a busybox layer run by runc under conmon (needs root, runc, conmon, busybox-static). */
@Timeout(60)
class OciRuntimeTest {
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path tmp;
    private static Path layer;
    private static OciRuntime runtime;
    private final List<String> started = new ArrayList<>();

    @BeforeAll
    static void busyboxLayer() throws IOException {
        layer = Files.createDirectories(tmp.resolve("layer"));
        Files.createDirectories(layer.resolve("bin"));
        Files.createDirectories(layer.resolve("etc"));
        Files.createDirectories(layer.resolve("tmp"));
        Files.copy(Path.of("/bin/busybox"), layer.resolve("bin/busybox"));
        for (String applet : List.of("sh", "echo", "sleep", "pwd", "touch", "id", "cat")) {
            Files.createSymbolicLink(layer.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        Files.writeString(layer.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1001::/tmp:/bin/sh\n");
        Files.writeString(layer.resolve("etc/group"), "root:x:0:\napp:x:1001:\nextra:x:2000:app\n");
        runtime = new OciRuntime(tmp.resolve("data"), "runc", "");
    }

    @AfterEach
    void deleteContainers() {
        started.forEach(runtime::delete);
    }

    private RuntimeSpec spec(List<String> args, List<String> env, String cwd, String user, boolean readonly) {
        String id = "wharf-test-" + UUID.randomUUID().toString().replace("-", "");
        started.add(id);
        Path dataDir = tmp.resolve("data/containers").resolve(id);
        return new RuntimeSpec(id, List.of(layer), args, env, cwd, user, "box", false, readonly, dataDir,
                dataDir.resolve("log"));
    }

    private RuntimeSpec spec(String... args) {
        return spec(List.of(args), List.of("PATH=/bin"), "/", "0:0", false);
    }

    private ContainerState run(RuntimeSpec spec) {
        runtime.prepare(spec);
        assertTrue(runtime.start(spec.id()) > 0);
        return runtime.awaitExit(spec.id(), EXIT_TIMEOUT).orElseThrow();
    }

    private static List<String> stdout(RuntimeSpec spec) throws IOException {
        return Files.readAllLines(spec.logPath()).stream()
                .map(line -> line.split(" ", 4))
                .filter(fields -> fields[1].equals("stdout") && fields[2].equals("F"))
                .map(fields -> fields[3])
                .toList();
    }

    @Test
    void echoExitsZeroAndLogsInK8sFileFormat() throws IOException {
        RuntimeSpec spec = spec("echo", "hello");
        ContainerState state = run(spec);
        assertEquals(ContainerState.Status.STOPPED, state.status());
        assertEquals(0, state.exitCode().orElseThrow());
        assertTrue(state.finishedAt().isPresent());
        String line = Files.readAllLines(spec.logPath()).get(0);
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+\\S* stdout F hello"), line);
    }

    @Test
    void exitCodePropagates() {
        assertEquals(7, run(spec("sh", "-c", "exit 7")).exitCode().orElseThrow());
    }

    @Test
    void killedContainerStopsAndDeleteLeavesNothing() {
        RuntimeSpec spec = spec("sleep", "100");
        runtime.prepare(spec);
        int pid = runtime.start(spec.id());
        ContainerState running = runtime.state(spec.id()).orElseThrow();
        assertEquals(ContainerState.Status.RUNNING, running.status());
        assertEquals(pid, running.pid());
        assertTrue(runtime.awaitExit(spec.id(), Duration.ofMillis(200)).isEmpty());

        // sleep as the namespace's pid 1 has no handler, so the kernel drops TERM for it: KILL ends it
        runtime.kill(spec.id(), 9);
        ContainerState stopped = runtime.awaitExit(spec.id(), EXIT_TIMEOUT).orElseThrow();
        assertEquals(ContainerState.Status.STOPPED, stopped.status());
        assertEquals(128 + 9, stopped.exitCode().orElseThrow());

        Path rootfs = spec.dataDir().resolve("bundle/rootfs");
        assertTrue(Rootfs.isMountPoint(rootfs));
        runtime.delete(spec.id());
        assertFalse(Rootfs.isMountPoint(rootfs));
        assertFalse(Files.exists(spec.dataDir().resolve("bundle")));
        assertFalse(Files.exists(spec.dataDir().resolve("userdata")));
        assertTrue(runtime.state(spec.id()).isEmpty());
        runtime.delete(spec.id());
    }

    @Test
    void envAndCwdApply() throws IOException {
        RuntimeSpec spec = spec(List.of("sh", "-c", "echo $FOO; pwd"), List.of("PATH=/bin", "FOO=bar"), "/tmp", "0:0",
                false);
        assertEquals(0, run(spec).exitCode().orElseThrow());
        assertEquals(List.of("bar", "/tmp"), stdout(spec));
    }

    @Test
    void userNameResolvesAgainstTheRootfs() throws IOException {
        RuntimeSpec spec = spec(List.of("id"), List.of("PATH=/bin"), "/", "app", false);
        assertEquals(0, run(spec).exitCode().orElseThrow());
        assertEquals(List.of("uid=1000(app) gid=1001(app) groups=2000(extra)"), stdout(spec));
    }

    @Test
    void readonlyRootfsRefusesWrites() throws IOException {
        RuntimeSpec spec = spec(List.of("sh", "-c", "touch /written && echo wrote"), List.of("PATH=/bin"), "/", "0:0",
                true);
        assertNotEquals(0, run(spec).exitCode().orElseThrow());
        assertFalse(stdout(spec).contains("wrote"));
        assertFalse(Files.exists(spec.dataDir().resolve("bundle/upper/written")));
    }
}
