package wharf.daemon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wharf.daemon.internal.ContainerFixture.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import wharf.engine.api.Cancellation;
import wharf.engine.api.ConflictError;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.container.AttachContainer;
import wharf.engine.api.container.ContainerJobs;
import wharf.engine.api.container.ContainerLogs;
import wharf.engine.api.container.ContainerStream;
import wharf.engine.api.image.ContainerConfig;
import wharf.runtime.api.ContainerRuntime;
import wharf.runtime.api.ProcessSpec;
import wharf.runtime.api.Resources;
import wharf.runtime.api.RuntimeSpec;
import wharf.runtime.internal.TestRuntimes;
import wharf.testing.engine.Jobs;

/**
 * Attach and logs against real busybox containers run by runc under conmon (needs root, runc,
 * conmon and busybox-static). The container store is a stand-in for one container at a time
 * whose run ends when the runtime says the container exited.
 */
@Timeout(60)
class AttachAndLogsTest {
    @TempDir
    static Path tmp;
    private static ContainerRuntime runtime;
    private final List<String> created = new ArrayList<>();

    /** One container: its status as the test sets it, its run's end from the runtime. */
    private static final class OneContainer implements Containers {
        volatile ContainerView view;
        final CompletableFuture<Void> runEnded = new CompletableFuture<>();
        final List<String> events = new CopyOnWriteArrayList<>();

        OneContainer(ContainerView view) {
            this.view = view;
        }

        void start() {
            runtime.start(view.id());
            view = new ContainerView(view.id(), view.name(), view.config(), null, "running", view.logPath());
            Thread watcher = new Thread(() -> {
                runtime.awaitExit(view.id(), Duration.ofSeconds(50));
                view = new ContainerView(view.id(), view.name(), view.config(), null, "exited", view.logPath());
                runEnded.complete(null);
            });
            watcher.setDaemon(true);
            watcher.start();
        }

        @Override
        public ContainerView get(String name) {
            if (!name.equals(view.name())) {
                throw new NotFoundError("No such container: " + name);
            }
            return view;
        }

        @Override
        public CompletionStage<Void> runEnded(String id, boolean nextRun) {
            return runEnded;
        }

        @Override
        public void event(String id, String action, Map<String, String> extra) {
            events.add(action);
        }

        @Override
        public void exec(String id, String execId, boolean present) {
            throw new UnsupportedOperationException("no execs here");
        }
    }

    @BeforeAll
    static void busybox() throws IOException {
        ContainerFixture.busyboxLayer(tmp.resolve("layer"));
        runtime = TestRuntimes.runc(tmp.resolve("data"));
    }

    @AfterEach
    void deleteContainers() {
        created.forEach(runtime::delete);
    }

    private OneContainer container(String config, boolean tty, boolean openStdin, boolean stdinOnce, String... cmd)
            throws IOException {
        String id = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        Path dataDir = tmp.resolve("data/containers").resolve(id);
        Path log = dataDir.resolve("container.log");
        created.add(id);
        runtime.prepare(new RuntimeSpec(id, List.of(tmp.resolve("layer")),
                new ProcessSpec(List.of(cmd), List.of("PATH=/bin"), "/", "", tty, 24, 80), "box", false, List.of(), 0,
                Resources.NONE, RuntimeSpec.Security.DEFAULT, false, openStdin, stdinOnce, false, dataDir, log));
        return new OneContainer(new ContainerView(id, "box", new ObjectMapper().readValue(config, ContainerConfig.class),
                null, "created", log));
    }

    private static ContainerStream attach(OneContainer c, AttachContainer input) throws IOException {
        return new AttachJob(c, runtime).handle(Jobs.of(ContainerJobs.ATTACH, input));
    }

    private static List<String> logs(OneContainer c, ContainerLogs input) throws IOException {
        List<String> writes = new CopyOnWriteArrayList<>();
        new LogsJob(c).handle(Jobs.of(ContainerJobs.LOGS, input)).run(InputStream.nullInputStream(),
                capture(writes, "out:"), capture(writes, "err:"), new Cancellation());
        return writes;
    }

    /** Runs the stream on a thread of its own; the future holds its writes. */
    private static CompletableFuture<List<String>> runAsync(ContainerStream stream, InputStream stdin,
            Cancellation cancellation) {
        List<String> writes = new CopyOnWriteArrayList<>();
        return CompletableFuture.supplyAsync(() -> {
            try {
                stream.run(stdin, capture(writes, "out:"), capture(writes, "err:"), cancellation);
                return writes;
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    @Test
    void attachBeforeStartFeedsStdinAndEndsWithTheRun() throws Exception {
        OneContainer c = container("{\"OpenStdin\":true,\"StdinOnce\":true}", false, true, true,
                "sh", "-c", "echo out; echo err >&2; cat; printf partial");
        ContainerStream stream = attach(c, new AttachContainer("box", true, true, true, true, false, null));
        assertEquals(List.of("attach"), c.events);
        PipedOutputStream client = new PipedOutputStream();
        CompletableFuture<List<String>> writes = runAsync(stream, new PipedInputStream(client), new Cancellation());
        c.start();
        client.write("ping\n".getBytes(StandardCharsets.UTF_8));
        client.close();
        List<String> out = writes.get(20, TimeUnit.SECONDS);
        assertTrue(out.contains("err:err\n"), out.toString());
        assertEquals(List.of("out:out\n", "out:ping\n", "out:partial"),
                out.stream().filter(w -> w.startsWith("out:")).toList());

        // logs of the run that ended: everything, the tail across both streams, one stream
        assertEquals(4, logs(c, new ContainerLogs("box", true, true, false, 0, 0, false, -1)).size());
        assertEquals(List.of("out:ping\n", "out:partial"),
                logs(c, new ContainerLogs("box", true, true, true, 0, 0, false, 2)));
        assertEquals(List.of("err:err\n"), logs(c, new ContainerLogs("box", false, true, false, 0, 0, false, -1)));
        String stamped = logs(c, new ContainerLogs("box", true, false, false, 0, 0, true, 1)).get(0);
        assertTrue(stamped.matches("out:\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z partial"), stamped);
    }

    @Test
    void detachKeysEndTheAttachAndLeaveTheContainerRunning() throws Exception {
        OneContainer c = container("{\"OpenStdin\":true}", false, true, false, "cat");
        c.start();
        ContainerStream stream = attach(c, new AttachContainer("box", true, true, true, true, false, "ctrl-a,x"));
        PipedOutputStream client = new PipedOutputStream();
        CompletableFuture<List<String>> writes = runAsync(stream, new PipedInputStream(client), new Cancellation());
        client.write("hi\n".getBytes(StandardCharsets.UTF_8));
        client.flush();
        waitFor(() -> Files.exists(c.view.logPath()) && sizeOf(c.view.logPath()) > 0);
        client.write(1);
        client.flush();
        Thread.sleep(50);
        client.write('x');
        client.flush();
        assertEquals(List.of("out:hi\n"), writes.get(10, TimeUnit.SECONDS));
        Thread.sleep(100);
        assertTrue(runtime.awaitExit(c.view.id(), Duration.ZERO).isEmpty(), "the container still runs");

        // a second attach after the first has detached still reaches the container's stdin
        PipedOutputStream second = new PipedOutputStream();
        Cancellation gone = new Cancellation();
        CompletableFuture<List<String>> more = runAsync(
                attach(c, new AttachContainer("box", true, true, true, true, false, null)), new PipedInputStream(second),
                gone);
        second.write("again\n".getBytes(StandardCharsets.UTF_8));
        second.flush();
        waitFor(() -> sizeOf(c.view.logPath()) > 0 && readLog(c).contains("again"));
        gone.cancel();
        assertEquals(List.of("out:again\n"), more.get(10, TimeUnit.SECONDS));
    }

    @Test
    void ttyOutputIsAllStdout() throws Exception {
        OneContainer c = container("{\"Tty\":true}", true, false, false, "sh", "-c", "echo tty-out; echo tty-err >&2");
        ContainerStream stream = attach(c, new AttachContainer("box", false, true, true, true, false, null));
        assertTrue(stream.tty());
        CompletableFuture<List<String>> writes = runAsync(stream, InputStream.nullInputStream(), new Cancellation());
        c.start();
        assertEquals(List.of("out:tty-out\r\n", "out:tty-err\r\n"), writes.get(20, TimeUnit.SECONDS));
    }

    @Test
    void dockerdErrors() throws Exception {
        OneContainer c = container("{}", false, false, false, "true");
        assertEquals("Invalid detach keys (ctrl-xx) provided", assertThrows(InvalidParameterError.class,
                () -> attach(c, new AttachContainer("box", false, true, true, true, false, "ctrl-xx"))).getMessage());
        assertEquals("You must choose at least one stream", assertThrows(InvalidParameterError.class,
                () -> logs(c, new ContainerLogs("box", false, false, false, 0, 0, false, -1))).getMessage());
        c.view = new ContainerView(c.view.id(), "box", c.view.config(), null, "paused", c.view.logPath());
        assertEquals("container box is paused, unpause the container before attach", assertThrows(
                ConflictError.class, () -> attach(c, new AttachContainer("box", false, true, true, true, false, null)))
                .getMessage());
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String readLog(OneContainer c) {
        try {
            return Files.readString(c.view.logPath());
        } catch (IOException e) {
            return "";
        }
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
