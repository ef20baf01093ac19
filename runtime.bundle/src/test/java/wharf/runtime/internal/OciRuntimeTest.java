package wharf.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import wharf.runtime.api.ContainerState;
import wharf.runtime.api.MountSpec;
import wharf.runtime.api.ProcessSpec;
import wharf.runtime.api.Resources;
import wharf.runtime.api.RuntimeFailure;
import wharf.runtime.api.RuntimeSpec;
import wharf.runtime.api.Seccomp;

/** Real containers: a busybox layer run by runc under conmon (needs root, runc, conmon, busybox-static). */
@Timeout(30)
class OciRuntimeTest {
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> ENV = List.of("PATH=/bin");

    @TempDir
    static Path tmp;
    private static Path layer;
    private static OciRuntime runtime;
    private final List<String> created = new ArrayList<>();

    @BeforeAll
    static void busyboxLayer() throws IOException {
        layer = Files.createDirectories(tmp.resolve("layer"));
        Files.createDirectories(layer.resolve("bin"));
        Files.createDirectories(layer.resolve("etc"));
        Files.createDirectories(layer.resolve("tmp"));
        Files.copy(Path.of("/bin/busybox"), layer.resolve("bin/busybox"));
        for (String applet : List.of("sh", "echo", "sleep", "pwd", "touch", "id", "cat", "grep", "stty", "tr", "cut", "true",
                "unshare", "mount", "mkdir")) {
            Files.createSymbolicLink(layer.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        Files.writeString(layer.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1001::/tmp:/bin/sh\n");
        Files.writeString(layer.resolve("etc/group"), "root:x:0:\napp:x:1001:\nextra:x:2000:app\n");
        Files.writeString(layer.resolve("etc/data"), "not executable\n");
        // a symlink that would lead a mount point out of the rootfs
        Files.createSymbolicLink(layer.resolve("escape"), Path.of("../../../../../../../../tmp"));
        runtime = new OciRuntime(tmp.resolve("data"), "runc", "");
    }

    @AfterAll
    static void closeRuntime() {
        runtime.close();
    }

    @AfterEach
    void deleteContainers() {
        created.forEach(runtime::delete);
    }

    /** A spec to adjust: sh -c script, root, its own network, no extras. */
    private static final class Spec {
        String id = "wharf-test-" + UUID.randomUUID().toString().replace("-", "");
        List<String> args;
        List<String> env = ENV;
        String cwd = "/";
        String user = "0:0";
        boolean tty;
        boolean readonly;
        List<MountSpec> mounts = List.of();
        long shmSize;
        Resources resources = Resources.NONE;
        RuntimeSpec.Security security = RuntimeSpec.Security.DEFAULT;
        boolean hostNetwork;
        boolean openStdin;
        boolean stdinOnce;
        boolean init;

        Spec(String... args) {
            this.args = List.of(args);
        }

        RuntimeSpec build() {
            Path dataDir = tmp.resolve("data/containers").resolve(id);
            return new RuntimeSpec(id, List.of(layer), new ProcessSpec(args, env, cwd, user, tty, 24, 80), "box",
                    readonly, mounts, shmSize, resources, security, hostNetwork, openStdin, stdinOnce, init, dataDir,
                    dataDir.resolve("log"));
        }
    }

    private RuntimeSpec prepare(Spec spec) {
        RuntimeSpec built = spec.build();
        created.add(built.id());
        runtime.prepare(built);
        return built;
    }

    private RuntimeSpec startContainer(Spec spec) {
        RuntimeSpec built = prepare(spec);
        assertTrue(runtime.start(built.id()) > 0);
        return built;
    }

    private ContainerState run(RuntimeSpec spec) {
        return runtime.awaitExit(spec.id(), EXIT_TIMEOUT).orElseThrow();
    }

    private RuntimeSpec runToEnd(Spec spec) {
        RuntimeSpec built = startContainer(spec);
        run(built);
        return built;
    }

    /** The stdout lines of a k8s-file log, partial (P) entries joined to the full (F) one that ends them. */
    private static List<String> stdout(Path log) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder partial = new StringBuilder();
        for (String line : Files.readAllLines(log)) {
            String[] fields = line.split(" ", 4);
            if (!fields[1].equals("stdout")) {
                continue;
            }
            partial.append(fields.length > 3 ? fields[3] : "");
            if (fields[2].equals("F")) {
                lines.add(partial.toString());
                partial.setLength(0);
            }
        }
        return lines;
    }

    /** Alive and not a zombie waiting for its parent to reap it. */
    private static boolean running(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aWrittenFileIsInTheRootfsAndInTheWritableLayerUntilDelete() throws IOException {
        RuntimeSpec spec = runToEnd(new Spec("sh", "-c", "echo data > /tmp/written"));
        assertEquals("data\n", Files.readString(runtime.rootfs(spec.id()).resolve("tmp/written")));
        Path upper = runtime.writableLayer(spec.id()).orElseThrow();
        assertEquals("data\n", Files.readString(upper.resolve("tmp/written")));
        assertFalse(Files.exists(upper.resolve("bin/busybox")), "the image's files stay in the layers below");
        runtime.delete(spec.id());
        assertThrows(RuntimeFailure.class, () -> runtime.rootfs(spec.id()));
    }

    @Test
    void echoExitsZeroAndLogsInK8sFileFormat() throws IOException {
        RuntimeSpec spec = startContainer(new Spec("echo", "hello"));
        ContainerState state = run(spec);
        assertEquals(ContainerState.Status.STOPPED, state.status());
        assertEquals(0, state.exitCode().orElseThrow());
        assertTrue(state.finishedAt().isPresent());
        String line = Files.readAllLines(spec.logPath()).get(0);
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+\\S* stdout F hello"), line);
    }

    @Test
    void exitCodePropagates() {
        assertEquals(7, run(startContainer(new Spec("sh", "-c", "exit 7"))).exitCode().orElseThrow());
    }

    @Test
    void envAndMissingCwdApply() throws IOException {
        Spec spec = new Spec("sh", "-c", "echo $FOO; pwd");
        spec.env = List.of("PATH=/bin", "FOO=bar");
        spec.cwd = "/work/here";
        RuntimeSpec built = runToEnd(spec);
        assertEquals(0, runtime.state(built.id()).orElseThrow().exitCode().orElseThrow());
        assertEquals(List.of("bar", "/work/here"), stdout(built.logPath()));
    }

    @Test
    void userNameResolvesAgainstTheRootfs() throws IOException {
        Spec spec = new Spec("id");
        spec.user = "app";
        assertEquals(List.of("uid=1000(app) gid=1001(app) groups=2000(extra)"), stdout(runToEnd(spec).logPath()));
    }

    @Test
    void readonlyRootfsRefusesWrites() throws IOException {
        Spec spec = new Spec("sh", "-c", "touch /written && echo wrote");
        spec.readonly = true;
        RuntimeSpec built = startContainer(spec);
        assertNotEquals(0, run(built).exitCode().orElseThrow());
        assertFalse(stdout(built.logPath()).contains("wrote"));
        assertFalse(Files.exists(built.dataDir().resolve("bundle/upper/written")));
    }

    @Test
    void ttyContainerLogsTerminalOutput() throws IOException {
        Spec spec = new Spec("sh", "-c", "[ -t 1 ] && echo on-a-tty");
        spec.tty = true;
        RuntimeSpec built = startContainer(spec);
        assertEquals(0, run(built).exitCode().orElseThrow());
        // the terminal turns \n into \r\n
        assertTrue(Files.readString(built.logPath()).contains(" stdout F on-a-tty\r"), Files.readString(built.logPath()));
    }

    @Test
    void resizeReachesTheTerminal() throws IOException {
        Spec spec = new Spec("sh", "-c", "while [ \"$(stty size)\" != '40 120' ]; do sleep 0.1; done; echo resized");
        spec.tty = true;
        RuntimeSpec built = startContainer(spec);
        runtime.resize(built.id(), 40, 120);
        assertEquals(0, run(built).exitCode().orElseThrow());
        assertTrue(Files.readString(built.logPath()).contains("resized"));
    }

    @Test
    void stdinReachesCatAndItsCloseEndsIt() throws IOException {
        Spec spec = new Spec("cat");
        spec.openStdin = true;
        spec.stdinOnce = true;
        RuntimeSpec built = startContainer(spec);
        try (OutputStream stdin = runtime.stdin(built.id())) {
            stdin.write("piped line\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(0, run(built).exitCode().orElseThrow());
        assertEquals(List.of("piped line"), stdout(built.logPath()));
    }

    @Test
    void stdinOfAContainerWithoutOpenStdinIsRefused() {
        RuntimeSpec built = startContainer(new Spec("sleep", "10"));
        assertThrows(RuntimeFailure.class, () -> runtime.stdin(built.id()));
    }

    @Test
    void execLogsItsOutputAndExitCode() throws IOException {
        RuntimeSpec built = startContainer(new Spec("sleep", "30"));
        Path log = built.dataDir().resolve("exec.log");
        int pid = runtime.exec(built.id(), "e1", new ProcessSpec(List.of("sh", "-c", "echo from-exec; exit 3"), ENV,
                "", "", false, 0, 0), false, log);
        assertTrue(pid > 0);
        assertEquals(3, runtime.awaitExec(built.id(), "e1", EXIT_TIMEOUT).orElseThrow());
        assertEquals(3, runtime.execExitCode(built.id(), "e1").orElseThrow());
        assertEquals(List.of("from-exec"), stdout(log));
        runtime.deleteExec(built.id(), "e1");
        assertFalse(Files.exists(built.dataDir().resolve("exec/e1")));
    }

    @Test
    void execStdinFeedsTheProcess() throws IOException {
        RuntimeSpec built = startContainer(new Spec("sleep", "30"));
        Path log = built.dataDir().resolve("exec.log");
        runtime.exec(built.id(), "e2", new ProcessSpec(List.of("cat"), ENV, "/", "", false, 0, 0), true, log);
        try (OutputStream stdin = runtime.execStdin(built.id(), "e2")) {
            stdin.write("to exec\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(0, runtime.awaitExec(built.id(), "e2", EXIT_TIMEOUT).orElseThrow());
        assertEquals(List.of("to exec"), stdout(log));
    }

    @Test
    void ttyExecStartsAtItsSizeAndResizes() throws IOException {
        RuntimeSpec built = startContainer(new Spec("sleep", "30"));
        Path log = built.dataDir().resolve("exec.log");
        runtime.exec(built.id(), "e6", new ProcessSpec(List.of("sh", "-c",
                "stty size; while [ \"$(stty size)\" != '30 100' ]; do sleep 0.1; done; echo resized"), ENV, "/", "",
                true, 24, 80), false, log);
        runtime.resizeExec(built.id(), "e6", 30, 100);
        assertEquals(0, runtime.awaitExec(built.id(), "e6", EXIT_TIMEOUT).orElseThrow());
        String output = Files.readString(log);
        assertTrue(output.contains("24 80\r") && output.contains("resized\r"), output);
    }

    @Test
    void execOfMissingOrNonExecutableCommandFails() {
        RuntimeSpec built = startContainer(new Spec("sleep", "30"));
        Path log = built.dataDir().resolve("exec.log");
        RuntimeFailure missing = assertThrows(RuntimeFailure.class, () -> runtime.exec(built.id(), "e3",
                new ProcessSpec(List.of("nope"), ENV, "/", "", false, 0, 0), false, log));
        assertTrue(missing.getMessage().contains("executable file not found in $PATH"), missing.getMessage());
        RuntimeFailure denied = assertThrows(RuntimeFailure.class, () -> runtime.exec(built.id(), "e4",
                new ProcessSpec(List.of("/etc/data"), ENV, "/", "", false, 0, 0), false, log));
        assertTrue(denied.getMessage().contains("permission denied"), denied.getMessage());
        assertFalse(Files.exists(built.dataDir().resolve("exec/e3")));
    }

    @Test
    void missingCommandFailsStartAndLeavesThePreparedContainer() {
        RuntimeSpec built = prepare(new Spec("nope"));
        RuntimeFailure failure = assertThrows(RuntimeFailure.class, () -> runtime.start(built.id()));
        assertTrue(failure.getMessage().contains("executable file not found in $PATH"), failure.getMessage());
        assertTrue(runtime.state(built.id()).isEmpty());
        assertFalse(Files.exists(built.dataDir().resolve("userdata/conmon.pid")));
        assertTrue(Files.exists(built.dataDir().resolve("bundle/config.json")));
    }

    @Test
    void anExitIsSeenPromptly() {
        RuntimeSpec built = startContainer(new Spec("sleep", "1"));
        ContainerState state = run(built);
        Instant seen = Instant.now();
        // conmon's exit file's mtime is the moment of the exit
        Duration lag = Duration.between(state.finishedAt().orElseThrow(), seen);
        assertTrue(lag.compareTo(Duration.ofMillis(200)) < 0, "exit seen " + lag.toMillis() + " ms late");
    }

    @Test
    void fiftyConcurrentAwaitsOfTenContainers() throws Exception {
        List<RuntimeSpec> started = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            started.add(startContainer(new Spec("sh", "-c", "sleep 2; exit " + i)));
        }
        ExecutorService waiters = Executors.newFixedThreadPool(50);
        try {
            List<Future<Optional<ContainerState>>> awaits = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String id = started.get(i % 10).id();
                awaits.add(waiters.submit(() -> runtime.awaitExit(id, EXIT_TIMEOUT)));
            }
            for (int i = 0; i < 50; i++) {
                assertEquals(Optional.of(i % 10), awaits.get(i).get().orElseThrow().exitCode());
            }
        } finally {
            waiters.shutdownNow();
        }
    }

    @Test
    void pauseResumeAndProcesses() {
        RuntimeSpec built = startContainer(new Spec("sleep", "30"));
        int pid = runtime.state(built.id()).orElseThrow().pid();
        assertEquals(List.of(pid), runtime.processes(built.id()));
        runtime.pause(built.id());
        assertEquals(ContainerState.Status.PAUSED, runtime.state(built.id()).orElseThrow().status());
        runtime.resume(built.id());
        assertEquals(ContainerState.Status.RUNNING, runtime.state(built.id()).orElseThrow().status());
    }

    @Test
    void limitsApplyAndUpdateChangesThem() throws IOException {
        Spec spec = new Spec("sleep", "30");
        spec.resources = new Resources(64L << 20, -1, 512, 100000, 50000, 100);
        RuntimeSpec built = startContainer(spec);
        Path memory = Path.of("/sys/fs/cgroup/memory/wharf", built.id(), "memory.limit_in_bytes");
        assertEquals(Long.toString(64L << 20), Files.readString(memory).strip());
        assertEquals("100", Files.readString(Path.of("/sys/fs/cgroup/pids/wharf", built.id(), "pids.max")).strip());
        runtime.update(built.id(), new Resources(32L << 20, 0, 0, 0, 0, 0));
        assertEquals(Long.toString(32L << 20), Files.readString(memory).strip());
    }

    @Test
    void anUpdateOfAStoppedContainerHoldsAtItsNextStart() throws IOException {
        Spec spec = new Spec("sleep", "30");
        spec.resources = new Resources(64L << 20, -1, 0, 0, 0, 0);
        RuntimeSpec built = prepare(spec);
        runtime.update(built.id(), new Resources(48L << 20, 0, 0, 0, 0, 100));
        runtime.start(built.id());
        Path memory = Path.of("/sys/fs/cgroup/memory/wharf", built.id(), "memory.limit_in_bytes");
        assertEquals(Long.toString(48L << 20), Files.readString(memory).strip());
        assertEquals("100", Files.readString(Path.of("/sys/fs/cgroup/pids/wharf", built.id(), "pids.max")).strip());
        runtime.kill(built.id(), 9);
        run(built);
    }

    @Test
    void stoppedContainerStartsAgainAndAppendsToItsLog() throws IOException {
        RuntimeSpec built = runToEnd(new Spec("echo", "again"));
        assertEquals(0, runtime.start(built.id()) > 0 ? 0 : 1);
        assertEquals(0, run(built).exitCode().orElseThrow());
        assertEquals(List.of("again", "again"), stdout(built.logPath()));
    }

    @Test
    void privilegedHasEveryCapability() throws IOException {
        Spec spec = new Spec("grep", "CapEff", "/proc/self/status");
        spec.security = new RuntimeSpec.Security(true, List.of(), List.of());
        String ours = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("CapBnd:")).findFirst().orElseThrow().substring(7).strip();
        assertEquals(List.of("CapEff:\t" + ours), stdout(runToEnd(spec).logPath()));
    }

    @Test
    void capDropAllLeavesNone() throws IOException {
        Spec spec = new Spec("grep", "CapEff", "/proc/self/status");
        spec.security = new RuntimeSpec.Security(false, List.of(), List.of("all"));
        assertEquals(List.of("CapEff:\t0000000000000000"), stdout(runToEnd(spec).logPath()));
    }

    @Test
    void capAddAcceptsNamesWithoutPrefix() throws IOException {
        Spec spec = new Spec("grep", "CapEff", "/proc/self/status");
        spec.security = new RuntimeSpec.Security(false, List.of("net_admin"), List.of("ALL"));
        // CAP_NET_ADMIN is bit 12
        assertEquals(List.of("CapEff:\t0000000000001000"), stdout(runToEnd(spec).logPath()));
    }

    /** Whether the script's process runs under a filter, then what unshare -U (no capability needed) says. */
    private static final String SECCOMP_AND_USERNS = "grep Seccomp: /proc/self/status; unshare -U true 2>&1 && echo unshared";

    @Test
    void defaultSeccompFilterRefusesNamespaces() throws IOException {
        List<String> out = stdout(runToEnd(new Spec("sh", "-c", SECCOMP_AND_USERNS)).logPath());
        assertEquals("Seccomp:\t2", out.get(0));
        assertTrue(out.get(1).endsWith("Operation not permitted"), out.toString());
        assertEquals(2, out.size(), out.toString());
    }

    @Test
    void unconfinedAndPrivilegedRunWithoutAFilter() throws IOException {
        Spec unconfined = new Spec("sh", "-c", SECCOMP_AND_USERNS);
        unconfined.security = new RuntimeSpec.Security(false, List.of(), List.of(), Seccomp.UNCONFINED, false);
        assertEquals(List.of("Seccomp:\t0", "unshared"), stdout(runToEnd(unconfined).logPath()));
        Spec privileged = new Spec("sh", "-c", SECCOMP_AND_USERNS);
        privileged.security = new RuntimeSpec.Security(true, List.of(), List.of(), Seccomp.DEFAULT, false);
        assertEquals(List.of("Seccomp:\t0", "unshared"), stdout(runToEnd(privileged).logPath()));
    }

    @Test
    void capSysAdminLiftsTheMountRules() throws IOException {
        String script = "grep Seccomp: /proc/self/status; mount -t tmpfs none /tmp 2>&1 && echo mounted";
        Spec without = new Spec("sh", "-c", script);
        List<String> refused = stdout(runToEnd(without).logPath());
        // busybox says "permission denied (are you root?)" for EPERM
        assertEquals(2, refused.size(), refused.toString());
        assertTrue(refused.get(1).contains("permission denied"), refused.toString());
        Spec with = new Spec("sh", "-c", script + "; " + SECCOMP_AND_USERNS);
        with.security = new RuntimeSpec.Security(false, List.of("SYS_ADMIN"), List.of());
        assertEquals(List.of("Seccomp:\t2", "mounted", "Seccomp:\t2", "unshared"), stdout(runToEnd(with).logPath()));
    }

    @Test
    void customProfileInDockersFormatApplies() throws IOException {
        String profile = """
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86"]},
                             {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]}],
                 "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13},
                              {"name": "unshare", "action": "SCMP_ACT_ERRNO", "excludes": {"caps": ["CAP_KILL"]}}]}
                """;
        Spec spec = new Spec("sh", "-c", "mkdir /tmp/x 2>&1; " + SECCOMP_AND_USERNS);
        spec.security = new RuntimeSpec.Security(false, List.of(), List.of(), Seccomp.custom(profile), false);
        List<String> out = stdout(runToEnd(spec).logPath());
        // EACCES from the profile's own errnoRet; unshare's rule is left out as the container holds CAP_KILL
        assertTrue(out.get(0).endsWith("Permission denied"), out.toString());
        assertEquals(List.of("Seccomp:\t2", "unshared"), out.subList(1, out.size()));
    }

    @Test
    void invalidCustomProfileFailsPrepare() {
        Spec spec = new Spec("true");
        spec.security = new RuntimeSpec.Security(false, List.of(), List.of(), Seccomp.custom("{not json"), false);
        RuntimeFailure failure = assertThrows(RuntimeFailure.class, () -> prepare(spec));
        assertTrue(failure.getMessage().startsWith("Decoding seccomp profile failed"), failure.getMessage());
    }

    @Test
    void noNewPrivilegesAndTheFilterHoldForTheContainerAndItsExecs() throws IOException {
        RuntimeSpec.Security noNewPrivileges = new RuntimeSpec.Security(false, List.of(), List.of(), Seccomp.DEFAULT,
                true);
        Spec main = new Spec("grep", "NoNewPrivs", "/proc/self/status");
        main.security = noNewPrivileges;
        assertEquals(List.of("NoNewPrivs:\t1"), stdout(runToEnd(main).logPath()));
        Spec sleeping = new Spec("sleep", "30");
        sleeping.security = noNewPrivileges;
        RuntimeSpec built = startContainer(sleeping);
        Path log = built.dataDir().resolve("exec.log");
        runtime.exec(built.id(), "e1", new ProcessSpec(List.of("grep", "-e", "NoNewPrivs", "-e", "Seccomp:",
                "/proc/self/status"), ENV, "", "", false, 0, 0), false, log);
        assertEquals(0, runtime.awaitExec(built.id(), "e1", EXIT_TIMEOUT).orElseThrow());
        // runc puts an exec under the container's seccomp filter itself
        assertEquals(List.of("NoNewPrivs:\t1", "Seccomp:\t2"), stdout(log));
        assertEquals(List.of("NoNewPrivs:\t0"), stdout(runToEnd(new Spec("grep", "NoNewPrivs", "/proc/self/status"))
                .logPath()));
    }

    @Test
    void bindMountsReadOnlyAndTmpfs() throws IOException {
        Path shared = Files.createDirectories(tmp.resolve("shared"));
        Files.writeString(shared.resolve("greeting"), "hi from host\n");
        Path file = Files.writeString(tmp.resolve("single"), "single file\n");
        Spec spec = new Spec("sh", "-c", "cat /mnt/in/greeting /opt/single; touch /mnt/in/x || echo ro-refused; "
                + "touch /scratch/x && grep ' /scratch ' /proc/mounts | cut -d' ' -f3; "
                + "grep ' /dev/shm ' /proc/mounts");
        spec.mounts = List.of(MountSpec.bind(shared.toString(), "/mnt/in", true),
                MountSpec.bind(file.toString(), "/opt/single", false),
                new MountSpec("/scratch", "tmpfs", "tmpfs", List.of("nosuid", "size=1m")));
        spec.shmSize = 8L << 20;
        List<String> out = stdout(runToEnd(spec).logPath());
        assertEquals(List.of("hi from host", "single file", "ro-refused"), out.subList(0, 3));
        assertTrue(out.stream().anyMatch(line -> line.contains("/dev/shm") && line.contains("size=8192k")), out.toString());
        assertFalse(Files.exists(shared.resolve("x")));
    }

    @Test
    void mountPointThroughAnEscapingSymlinkIsRefused() throws IOException {
        Spec spec = new Spec("true");
        spec.mounts = List.of(MountSpec.bind(tmp.toString(), "/escape/sub", true));
        RuntimeSpec built = spec.build();
        assertThrows(RuntimeFailure.class, () -> runtime.prepare(built));
        assertFalse(Files.exists(built.dataDir().resolve("bundle")));
    }

    @Test
    void ownNetworkHasOnlyLoopback() throws IOException {
        List<String> devices = stdout(runToEnd(new Spec("cat", "/proc/net/dev")).logPath());
        List<String> interfaces = devices.stream().skip(2).map(line -> line.strip().split(":")[0]).toList();
        assertEquals(List.of("lo"), interfaces);
    }

    @Test
    void initRunsAsPidOneWithTheCommandBelow() throws IOException {
        Spec spec = new Spec("sh", "-c", "cat /proc/1/cmdline | tr '\\0' ' '; echo");
        spec.init = true;
        assertEquals(List.of("/sbin/docker-init -- sh -c cat /proc/1/cmdline | tr '\\0' ' '; echo "),
                stdout(runToEnd(spec).logPath()));
    }

    @Test
    void deleteLeavesNoMountProcessOrFiles() throws IOException {
        RuntimeSpec built = startContainer(new Spec("sleep", "30"));
        runtime.exec(built.id(), "e5", new ProcessSpec(List.of("sleep", "30"), ENV, "/", "", false, 0, 0), false,
                built.dataDir().resolve("exec.log"));
        int conmonPid = Integer.parseInt(Files.readString(built.dataDir().resolve("userdata/conmon.pid")).strip());
        Path rootfs = built.dataDir().resolve("bundle/rootfs");
        assertTrue(Rootfs.isMountPoint(rootfs));
        // a fresh instance, as after a daemon restart
        OciRuntime fresh = new OciRuntime(tmp.resolve("data"), "runc", "");
        try {
            fresh.delete(built.id());
        } finally {
            fresh.close();
        }
        assertFalse(Rootfs.isMountPoint(rootfs));
        try (Stream<String> mounts = Files.lines(Path.of("/proc/self/mountinfo"))) {
            assertTrue(mounts.noneMatch(line -> line.contains(built.id())));
        }
        assertFalse(running(conmonPid));
        for (String dir : List.of("bundle", "userdata", "exec")) {
            assertFalse(Files.exists(built.dataDir().resolve(dir)), dir);
        }
        assertTrue(runtime.state(built.id()).isEmpty());
        runtime.delete(built.id());
    }
}
