package wharf.daemon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wharf.daemon.internal.ContainerFixture.capture;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import wharf.engine.api.Cancellation;
import wharf.engine.api.ConflictError;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.container.ContainerJobs;
import wharf.engine.api.container.ContainerStream;
import wharf.engine.api.container.CreateExec;
import wharf.engine.api.container.ExecConfig;
import wharf.engine.api.container.ExecInspect;
import wharf.engine.api.container.ExecName;
import wharf.engine.api.container.StartExec;
import wharf.engine.api.image.ContainerConfig;
import wharf.runtime.api.ContainerRuntime;
import wharf.runtime.api.ProcessSpec;
import wharf.runtime.api.Resources;
import wharf.runtime.api.RuntimeSpec;
import wharf.runtime.internal.TestRuntimes;
import wharf.testing.engine.Jobs;

/**
 * The exec jobs against a real busybox container run by runc under conmon (needs root, runc,
 * conmon and busybox-static, as the runtime's own tests do). The container store is a small
 * stand-in that knows this one container.
 */
@Timeout(60)
class ExecJobsTest {
    @TempDir
    static Path tmp;
    private static ContainerRuntime runtime;
    private static TestContainers containers;
    private static ExecStore store;
    private static final String ID = UUID.randomUUID().toString().replace("-", "")
            + UUID.randomUUID().toString().replace("-", "");

    /** Just enough of the store: one container, its events and exec IDs. */
    private static final class TestContainers implements Containers {
        final ContainerView view;
        final List<String> events = new CopyOnWriteArrayList<>();
        final Set<String> execIds = ConcurrentHashMap.newKeySet();

        TestContainers(ContainerView view) {
            this.view = view;
        }

        @Override
        public ContainerView get(String name) {
            if (!name.equals(view.id()) && !name.equals(view.name())) {
                throw new NotFoundError("No such container: " + name);
            }
            return view;
        }

        @Override
        public CompletionStage<Void> runEnded(String id, boolean nextRun) {
            return new CompletableFuture<>();
        }

        @Override
        public void event(String id, String action, Map<String, String> extra) {
            events.add(action + " " + new java.util.TreeMap<>(extra));
        }

        @Override
        public void exec(String id, String execId, boolean present) {
            if (present) {
                execIds.add(execId);
            } else {
                execIds.remove(execId);
            }
        }
    }

    @BeforeAll
    static void startContainer() throws IOException {
        ContainerFixture.busyboxLayer(tmp.resolve("layer"));
        runtime = TestRuntimes.runc(tmp.resolve("data"));
        Path dataDir = tmp.resolve("data/containers").resolve(ID);
        Path log = dataDir.resolve("container.log");
        runtime.prepare(new RuntimeSpec(ID, List.of(tmp.resolve("layer")),
                new ProcessSpec(List.of("sleep", "60"), List.of("PATH=/bin"), "/", "", false, 0, 0), "box", false,
                List.of(), 0, Resources.NONE, RuntimeSpec.Security.DEFAULT, false, false, false, false, dataDir, log));
        runtime.start(ID);
        ContainerConfig config = new ObjectMapper().readValue(
                "{\"Hostname\":\"box\",\"Env\":[\"PATH=/bin\",\"FOO=container\",\"BAR=container\"],\"WorkingDir\":\"/tmp\"}",
                ContainerConfig.class);
        containers = new TestContainers(new ContainerView(ID, "box", config, null, "running", log));
        store = new ExecStore(containers);
    }

    @AfterAll
    static void removeContainer() {
        if (runtime != null) {
            runtime.delete(ID);
        }
    }

    private static ExecConfig config(boolean stdin, List<String> env, String... cmd) {
        return new ExecConfig("", false, false, null, stdin, true, true, false, "", env, "", List.of(cmd));
    }

    private static String create(ExecConfig config) {
        return new ExecCreateJob(containers, store)
                .handle(Jobs.of(ContainerJobs.EXEC_CREATE, new CreateExec("box", config)))
                .id();
    }

    private static ContainerStream start(String id, boolean detach) {
        return new ExecStartJob(containers, store, runtime).handle(
                Jobs.of(ContainerJobs.EXEC_START, new StartExec(id, detach, false)));
    }

    private static ExecInspect inspect(String id) {
        return new ExecInspectJob(store).handle(Jobs.of(ContainerJobs.EXEC_INSPECT, new ExecName(id)));
    }

    /** Runs a stream; returns each write, prefixed with its sink. */
    private static List<String> run(ContainerStream stream, InputStream stdin) throws IOException {
        List<String> writes = new ArrayList<>();
        stream.run(stdin, capture(writes, "out:"), capture(writes, "err:"), new Cancellation());
        return writes;
    }

    @Test
    void execRunsWithMergedEnvironmentAndReportsItsExit() throws Exception {
        String id = create(config(false, List.of("FOO=exec"), "sh", "-c", "echo $FOO-$BAR; pwd; echo err >&2; exit 3"));
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        assertTrue(containers.execIds.contains(id));
        ExecInspect created = inspect(id);
        assertFalse(created.running());
        assertNull(created.exitCode());
        assertEquals("sh", created.processConfig().entrypoint());

        List<String> writes = run(start(id, false), InputStream.nullInputStream());
        assertEquals(List.of("out:exec-container\n", "out:/tmp\n", "err:err\n"), writes.stream().sorted(
                (a, b) -> Character.compare(b.charAt(0), a.charAt(0))).toList());
        ExecInspect done = inspect(id);
        assertFalse(done.running());
        assertEquals(3, done.exitCode());
        assertTrue(done.pid() > 0);
        assertTrue(containers.events.contains("exec_create: sh -c echo $FOO-$BAR; pwd; echo err >&2; exit 3 {execID="
                + id + "}"), containers.events.toString());
        waitFor(() -> containers.events.contains("exec_die {execID=" + id + ", exitCode=3}"));
        waitFor(() -> !Files.exists(ExecLauncher.logPath(containers.view, id)));
        assertFalse(containers.execIds.contains(id));

        ConflictError again = assertThrows(ConflictError.class, () -> start(id, false));
        assertEquals("Error: Exec command " + id + " has already run", again.getMessage());
    }

    @Test
    void stdinIsFedAndItsEndClosesTheProcessStdin() throws Exception {
        String id = create(config(true, List.of(), "cat"));
        List<String> writes = run(start(id, false),
                new ByteArrayInputStream("hello\nworld\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("hello\nworld\n", String.join("", writes).replace("out:", ""));
        assertEquals(0, inspect(id).exitCode());
    }

    @Test
    void missingCommandWritesTheRuntimeErrorAndExits126() throws Exception {
        String id = create(config(false, List.of(), "nonexist"));
        List<String> writes = run(start(id, false), InputStream.nullInputStream());
        assertEquals(1, writes.size());
        assertTrue(writes.get(0).startsWith("out:") && writes.get(0).contains("nonexist")
                && writes.get(0).endsWith("\r\n"), writes.get(0));
        assertEquals(126, inspect(id).exitCode());
        // moby's action text: entrypoint, space, arguments (none here)
        assertTrue(containers.events.contains("exec_start: nonexist  {execID=" + id + "}"),
                containers.events.toString());
    }

    @Test
    void detachedExecRunsOnItsOwn() throws Exception {
        String id = create(config(false, List.of(), "sh", "-c", "exit 7"));
        assertEquals(List.of(), run(start(id, true), InputStream.nullInputStream()));
        waitFor(() -> Integer.valueOf(7).equals(inspect(id).exitCode()));
        waitFor(() -> !Files.exists(ExecLauncher.logPath(containers.view, id)));
    }

    @Test
    void dockerdErrors() {
        assertEquals("No exec command specified", assertThrows(InvalidParameterError.class,
                () -> create(config(false, List.of()))).getMessage());
        assertEquals("No such exec instance: nope",
                assertThrows(NotFoundError.class, () -> inspect("nope")).getMessage());
        assertEquals("No such exec instance: nope",
                assertThrows(NotFoundError.class, () -> start("nope", false)).getMessage());
        assertEquals("Invalid escape keys (ctrl-xx) provided", assertThrows(InvalidParameterError.class,
                () -> create(new ExecConfig("", false, false, null, false, true, true, false, "ctrl-xx", List.of(), "",
                        List.of("true")))).getMessage());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in time");
            }
            Thread.sleep(20);
        }
    }
}
