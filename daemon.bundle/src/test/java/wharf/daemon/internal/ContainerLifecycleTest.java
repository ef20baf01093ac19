package wharf.daemon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import wharf.common.GoTime;
import wharf.engine.api.ConflictError;
import wharf.engine.api.Filters;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.NotModifiedError;
import wharf.engine.api.container.ContainerInspect;
import wharf.engine.api.container.CreateContainer;
import wharf.engine.api.container.HostConfig;
import wharf.engine.api.container.ListContainers;
import wharf.engine.api.container.WaitContainer.Condition;
import wharf.engine.api.container.WaitResult;
import wharf.engine.api.image.ContainerConfig;
import wharf.engine.api.image.ImageRootfs;

/**
 * Real containers: a busybox layer run by runc under conmon through runtime.bundle's OciRuntime
 * (needs root, runc, conmon and a static busybox, as runtime.bundle's own tests).
 */
@Timeout(90)
class ContainerLifecycleTest {
    private static final String IMAGE_ID = "sha256:" + "5e".repeat(32);

    @TempDir
    static Path tmp;
    private static Path layer;
    private ContainerFixture fixture;
    private ContainerDaemon daemon;

    @BeforeAll
    static void busyboxLayer() throws IOException {
        layer = ContainerFixture.busyboxLayer(tmp.resolve("layer"));
    }

    @BeforeEach
    void daemon() throws IOException {
        fixture = new ContainerFixture(tmp);
        daemon = fixture.open();
    }

    @AfterEach
    void removeEverything() throws IOException {
        fixture.close();
    }

    private static ImageRootfs image() {
        ContainerConfig config = new ContainerConfig(null, null, null, false, false, false, null, false, false, false,
                List.of("PATH=/bin"), List.of("sh"), null, false, null, null, null, null, false, null, null,
                Map.of("from", "image"), null, null, null);
        return new ImageRootfs(IMAGE_ID, config, List.of(layer));
    }

    private static ContainerConfig run(String... cmd) {
        return new ContainerConfig(null, null, null, false, false, false, null, false, false, false, null,
                List.of(cmd), null, false, "busybox:local", null, null, null, false, null, null, null, null, null,
                null);
    }

    private static HostConfig host(String restart, int retries, boolean autoRemove) {
        return new HostConfig(null, null, null, null, null, new HostConfig.RestartPolicy(restart, retries), autoRemove,
                null, null, null, null, null, null, null, null, null, List.of("db.local:10.0.0.5"), null, null, null,
                null, 0, null, false, false, false, null, null, null, null, 0, null, null, 0, 0, 0, null, 0, 0, null,
                null, null, 0, 0, null, null, null, null, null, null, null, null);
    }

    private String create(String name, HostConfig hc, String... cmd) {
        return daemon.create(new CreateContainer(name, run(cmd), hc), image()).id();
    }

    private static int exitOf(CompletionStage<WaitResult> wait) throws Exception {
        return (int) wait.toCompletableFuture().get(30, TimeUnit.SECONDS).statusCode();
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    private ContainerInspect inspect(String name) {
        ContainerRecord r = daemon.lookup(name).record();
        return ContainerViews.inspect(r, daemon.execIds(r.id()), false, daemon.dir(r.id()));
    }

    @Test
    void runsToItsExitCodeAndSaysSo() throws Exception {
        String id = create("three", host("no", 0, false), "sh", "-c", "hostname; cat /etc/hosts; exit 3");
        ContainerInspect created = inspect("three");
        assertEquals("created", created.state().status());
        assertEquals(id.substring(0, 12), created.config().hostname());
        assertEquals("/three", created.name());
        assertEquals(Map.of("from", "image"), created.config().labels());
        assertTrue(Files.isRegularFile(fixture.data.resolve("containers").resolve(id).resolve(ContainerFiles.CONFIG)));

        var next = daemon.await("three", Condition.NEXT_EXIT).result();
        daemon.start(id.substring(0, 10));
        assertEquals(3, exitOf(next));
        ContainerInspect exited = inspect(id);
        assertEquals("exited", exited.state().status());
        assertEquals(3, exited.state().exitCode());
        assertFalse(exited.state().finishedAt().equals(GoTime.ZERO));
        assertEquals(List.of("create", "start", "die 3"), fixture.bus.actions(id));
        assertEquals(3, exitOf(daemon.await("/three", Condition.NOT_RUNNING).result()));

        String log = Files.readString(Path.of(exited.logPath()));
        assertTrue(log.contains("stdout F " + id.substring(0, 12)), log);
        assertTrue(log.contains("10.0.0.5\tdb.local"), log);
        String status = ContainerViews.list(daemon.records(), new ListContainers(true, 0, false, Filters.empty()),
                n -> daemon.lookup(n).record(), r -> daemon.dir(r.id())).get(0).status();
        assertTrue(status.matches("Exited \\(3\\) (Less than a second|\\d+ seconds?) ago"), status);
        assertThrows(NotModifiedError.class, () -> daemon.stop("three", null, 1));
        assertThrows(ConflictError.class, () -> daemon.kill("three", null));
    }

    @Test
    void onFailureRestartsAsOftenAsAllowed() throws Exception {
        String id = create("flaky", host("on-failure", 2, false), "sh", "-c", "exit 1");
        daemon.start("flaky");
        eventually(() -> fixture.bus.actions(id).stream().filter(a -> a.equals("die 1")).count() == 3, "three exits");
        eventually(() -> daemon.lookup(id).record().status().equals("exited"), "the end of the restarts");
        assertEquals(List.of("create", "start", "die 1", "start", "die 1", "start", "die 1"), fixture.bus.actions(id));
        assertEquals(2, inspect(id).restartCount());
        Thread.sleep(1000);
        assertEquals(7, fixture.bus.actions(id).size(), "no restart beyond the maximum");

        daemon.close();
        fixture.bus.events().clear();
        daemon = fixture.open();
        Thread.sleep(500);
        assertEquals(List.of(), fixture.bus.actions(id), "nor after a daemon restart");
        assertEquals("exited", inspect(id).state().status());
    }

    @Test
    void stopEndsInSigkillWhenTheSignalIsIgnored() throws Exception {
        // sleep as pid 1 of its namespace has no handler, so the kernel drops TERM for it
        String id = create("sleeper", host("always", 0, false), "sleep", "100");
        daemon.start("sleeper");
        assertThrows(NotModifiedError.class, () -> daemon.start("sleeper"));
        long started = System.nanoTime();
        daemon.stop("sleeper", null, 1);
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(900));
        ContainerInspect stopped = inspect(id);
        assertEquals("exited", stopped.state().status());
        assertEquals(137, stopped.state().exitCode());
        assertEquals(List.of("create", "start", "kill 15", "kill 9", "die 137", "stop"), fixture.bus.actions(id));
        Thread.sleep(500);
        assertEquals("exited", inspect(id).state().status(), "a stop is not restarted, even under always");
    }

    @Test
    void pauseUnpauseAndKill() throws Exception {
        String id = create("pz", host("no", 0, false), "sleep", "100");
        daemon.start("pz");
        daemon.pause("pz", true);
        assertEquals("paused", inspect(id).state().status());
        assertEquals("Container " + id + " is already paused",
                assertThrows(ConflictError.class, () -> daemon.pause("pz", true)).getMessage());
        assertTrue(assertThrows(ConflictError.class, () -> daemon.remove("pz", false, false)).getMessage()
                .startsWith("You cannot remove a paused container " + id + ". Unpause and then stop"));
        daemon.pause("pz", false);
        assertEquals("Container " + id + " is not paused",
                assertThrows(ConflictError.class, () -> daemon.pause("pz", false)).getMessage());
        assertThrows(InvalidParameterError.class, () -> daemon.kill("pz", "BOGUS"));
        daemon.kill("pz", "KILL");
        assertEquals(137, exitOf(daemon.await("pz", Condition.NOT_RUNNING).result()));
        assertEquals(List.of("create", "start", "pause", "unpause", "kill 9", "die 137"), fixture.bus.actions(id));
    }

    @Test
    void removeLeavesNothingAndFreesTheName() throws Exception {
        String id = create("gone", host("no", 0, false), "sleep", "100");
        daemon.start("gone");
        assertEquals("You cannot remove a running container " + id
                + ". Stop the container before attempting removal or force remove",
                assertThrows(ConflictError.class, () -> daemon.remove("gone", false, false)).getMessage());
        var removed = daemon.await("gone", Condition.REMOVED).result();
        daemon.remove("gone", true, false);
        assertEquals(137, exitOf(removed));
        assertFalse(Files.exists(fixture.data.resolve("containers").resolve(id)));
        assertTrue(fixture.runtime.state(id).isEmpty());
        assertEquals("No such container: gone",
                assertThrows(NotFoundError.class, () -> daemon.lookup("gone")).getMessage());
        assertEquals("destroy", fixture.bus.actions(id).get(fixture.bus.actions(id).size() - 1));
        String again = create("gone", host("no", 0, false), "true");
        assertFalse(again.equals(id));
    }

    @Test
    void autoRemoveRemovesAfterTheExit() throws Exception {
        String id = create("", host("no", 0, true), "true");
        String name = daemon.lookup(id).record().bareName();
        assertTrue(name.matches("[a-z]+_[a-z]+[0-9]?"), name);
        var removed = daemon.await(id, Condition.REMOVED).result();
        daemon.start(id);
        assertEquals(0, exitOf(removed));
        assertEquals(List.of("create", "start", "die 0", "destroy"), fixture.bus.actions(id));
        assertFalse(Files.exists(fixture.data.resolve("containers").resolve(id)));
    }

    @Test
    void failedCreatesLeaveNothing() throws Exception {
        create("taken", host("no", 0, false), "true");
        ConflictError conflict = assertThrows(ConflictError.class, () -> create("taken", host("no", 0, false), "true"));
        assertTrue(conflict.getMessage().startsWith("Conflict. The container name \"/taken\" is already in use by container \""),
                conflict.getMessage());
        HostConfig missingSource = new HostConfig(null, null, null, null, null, null, false, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, 0, null, false, false, false, null, null,
                null, null, 0, null, null, 0, 0, 0, null, 0, 0, null, null, null, 0, 0, null, null, null, null,
                List.of(new HostConfig.Mount("bind", "/nonexistent/wharf", "/x", false, null)), null, null, null);
        assertThrows(InvalidParameterError.class, () -> create("half", missingSource, "true"));
        assertThrows(InvalidParameterError.class, () -> create("bad/name", host("no", 0, false), "true"));
        assertEquals(1, daemon.records().size());
        try (var dirs = Files.list(fixture.data.resolve("containers"))) {
            assertEquals(1, dirs.count());
        }
        create("half", host("no", 0, false), "true");
    }

    @Test
    void aMissingCommandFailsTheStartWith127() throws Exception {
        String id = create("nocmd", host("no", 0, false), "/nope");
        InvalidParameterError e = assertThrows(InvalidParameterError.class, () -> daemon.start("nocmd"));
        assertTrue(e.getMessage().startsWith("OCI runtime"), e.getMessage());
        ContainerInspect state = inspect(id);
        assertEquals("created", state.state().status());
        assertEquals(127, state.state().exitCode());
        assertEquals(e.getMessage(), state.state().error());
    }

    @Test
    void aFreshDaemonFindsItsContainersAgain() throws Exception {
        String id = create("keeper", host("no", 0, false), "sleep", "100");
        String exited = create("done", host("no", 0, false), "sh", "-c", "exit 4");
        daemon.start("keeper");
        daemon.start("done");
        assertEquals(4, exitOf(daemon.await("done", Condition.NOT_RUNNING).result()));
        long pid = inspect(id).state().pid();
        daemon.close();

        daemon = fixture.open();
        ContainerInspect restored = inspect("keeper");
        assertEquals("running", restored.state().status());
        assertEquals(pid, restored.state().pid());
        assertEquals("exited", inspect("done").state().status());
        assertEquals(4, inspect(exited).state().exitCode());
        assertEquals(2, daemon.counts().total());
        assertEquals(1, daemon.counts().running());

        var end = daemon.await("keeper", Condition.NEXT_EXIT).result();
        daemon.kill("keeper", "9");
        assertEquals(137, exitOf(end));
        assertEquals("exited", inspect("keeper").state().status());
    }

    @Test
    void restartStopsAndStartsAgain() throws Exception {
        String id = create("again", host("no", 0, false), "sleep", "100");
        assertTrue(daemon.runEnded(id, false).toCompletableFuture().isDone(), "a created container has no run to end");
        CompletionStage<Void> nextRun = daemon.runEnded(id, true);
        daemon.start("again");
        long firstPid = inspect(id).state().pid();
        assertFalse(nextRun.toCompletableFuture().isDone());
        daemon.restart("again", null, 1);
        nextRun.toCompletableFuture().get(5, TimeUnit.SECONDS);
        ContainerInspect restarted = inspect(id);
        assertEquals("running", restarted.state().status());
        assertFalse(restarted.state().pid() == firstPid);
        assertEquals(List.of("create", "start", "kill 15", "kill 9", "die 137", "stop", "start", "restart"),
                fixture.bus.actions(id));
        daemon.remove(id, true, false);
    }

    @Test
    void aFreshDaemonRestartsAnAlwaysContainerThatDiedMeanwhile() throws Exception {
        String id = create("phoenix", host("always", 0, false), "sleep", "100");
        daemon.start("phoenix");
        daemon.close();
        fixture.runtime.kill(id, 9);
        assertEquals(137, fixture.runtime.awaitExit(id, Duration.ofSeconds(20)).orElseThrow().exitCode().orElseThrow());

        fixture.bus.events().clear();
        daemon = fixture.open();
        eventually(() -> fixture.bus.actions(id).contains("start"), "the restart on restore");
        ContainerInspect back = inspect("phoenix");
        assertEquals("running", back.state().status());
        daemon.stop("phoenix", "KILL", 1);
        assertEquals(137, inspect("phoenix").state().exitCode());
        assertEquals("exited", inspect("phoenix").state().status());
    }
}
