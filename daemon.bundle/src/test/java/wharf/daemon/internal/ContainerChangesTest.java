package wharf.daemon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import wharf.common.FilterTime;
import wharf.engine.api.ConflictError;
import wharf.engine.api.Filters;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.container.ContainerPruneReport;
import wharf.engine.api.container.CreateContainer;
import wharf.engine.api.container.HostConfig;
import wharf.engine.api.container.ImageUsers;
import wharf.engine.api.container.UpdateContainer;
import wharf.engine.api.event.Event;
import wharf.engine.api.image.ContainerConfig;
import wharf.engine.api.image.ImageRootfs;

/**
 * Rename, update, prune and the image's users, on real containers (busybox run by runc under
 * conmon through runtime.bundle's OciRuntime; needs root, runc, conmon and a static busybox).
 */
@Timeout(90)
class ContainerChangesTest {
    private static final String IMAGE_ID = "sha256:" + "7a".repeat(32);
    private static final long MIB = 1 << 20;

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

    private String create(String name, Map<String, String> labels, String... cmd) {
        ContainerConfig config = new ContainerConfig(null, null, null, false, false, false, null, false, false, false,
                null, List.of(cmd), null, false, "busybox:local", null, null, null, false, null, null, labels, null,
                null, null);
        ImageRootfs image = new ImageRootfs(IMAGE_ID, config, List.of(layer));
        return daemon.create(new CreateContainer(name, config, HostConfig.empty()), image).id();
    }

    private static UpdateContainer.Resources memory(long memory, long swap) {
        return new UpdateContainer.Resources(0, memory, 0, 0, 0, "", "", 0, 0, 0, swap, null, null);
    }

    private static long cgroupMemoryLimit(String id) throws IOException {
        Path v1 = Path.of("/sys/fs/cgroup/memory/wharf", id, "memory.limit_in_bytes");
        Path v2 = Path.of("/sys/fs/cgroup/wharf", id, "memory.max");
        return Long.parseLong(Files.readString(Files.exists(v1) ? v1 : v2).trim());
    }

    @Test
    void renameTakesTheNewNameFreesTheOldAndIsKept() throws Exception {
        String id = create("r1", null, "true");
        create("r2", null, "true");
        daemon.rename("r1", "r1new");

        assertEquals(id, daemon.lookup("/r1new").id);
        assertThrows(NotFoundError.class, () -> daemon.lookup("r1"));
        Event renamed = fixture.bus.events().stream().filter(e -> e.action().equals("rename")).findFirst()
                .orElseThrow();
        assertEquals("/r1", renamed.attributes().get("oldName"));
        assertEquals("r1new", renamed.attributes().get("name"));

        ConflictError taken = assertThrows(ConflictError.class, () -> daemon.rename("r1new", "r2"));
        assertTrue(taken.getMessage().startsWith("Error when allocating new name: Conflict. The container name "
                + "\"/r2\" is already in use by container"), taken.getMessage());
        assertEquals("Renaming a container with the same name as its current name",
                assertThrows(InvalidParameterError.class, () -> daemon.rename("r2", "/r2")).getMessage());
        assertEquals("Error when allocating new name: Invalid container name (/bad name), only "
                + "[a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
                assertThrows(InvalidParameterError.class, () -> daemon.rename("r2", "bad name")).getMessage());

        daemon.close();
        ContainerDaemon again = fixture.open();
        assertEquals(id, again.lookup("r1new").id, "the new name survives a restart of the daemon");
        create("r1", null, "true");
    }

    @Test
    void updateChangesTheRunningContainersCgroupAndTheHostConfig() throws Exception {
        String id = create("up", null, "sleep", "100");
        daemon.start("up");
        daemon.update("up", memory(64 * MIB, 128 * MIB));
        assertEquals(64 * MIB, cgroupMemoryLimit(id));
        assertEquals(64 * MIB, daemon.lookup(id).record().hostConfig().memory());
        assertEquals(128 * MIB, daemon.lookup(id).record().hostConfig().memorySwap());

        InvalidParameterError above = assertThrows(InvalidParameterError.class,
                () -> daemon.update("up", memory(256 * MIB, 0)));
        assertEquals("Cannot update container " + id + ": Memory limit should be smaller than already set memoryswap "
                + "limit, update the memoryswap at the same time", above.getMessage());

        assertEquals("Minimum memory limit allowed is 6MB", assertThrows(InvalidParameterError.class,
                () -> daemon.update("up", memory(1000, 0))).getMessage(), "the request's own checks come unprefixed");
        assertEquals("invalid restart policy 'bogus'", assertThrows(InvalidParameterError.class,
                () -> daemon.update("up", new UpdateContainer.Resources(0, 0, 0, 0, 0, "", "", 0, 0, 0, 0, null,
                        new UpdateContainer.RestartPolicy("bogus", 0)))).getMessage());
        daemon.update("up", new UpdateContainer.Resources(0, 0, 0, 0, 0, "", "", 0, 0, 0, 0, null,
                new UpdateContainer.RestartPolicy("on-failure", 3)));
        assertEquals(new HostConfig.RestartPolicy("on-failure", 3), daemon.lookup(id).record().hostConfig()
                .restartPolicy());
        assertEquals(64 * MIB, daemon.lookup(id).record().hostConfig().memory(), "zero fields leave values as they are");
        assertTrue(fixture.bus.actions(id).contains("update"));
    }

    @Test
    void aStoppedContainerGetsItsNewLimitsAtItsNextStart() throws Exception {
        String id = create("later", null, "sleep", "100");
        daemon.update("later", memory(48 * MIB, 96 * MIB));
        daemon.start("later");
        assertEquals(48 * MIB, cgroupMemoryLimit(id));
    }

    @Test
    void pruneRemovesWhatDoesNotRunAndMatches() throws Exception {
        String created = create("p-created", null, "true");
        String running = create("p-running", null, "sleep", "100");
        daemon.start("p-running");
        String kept = create("p-kept", Map.of("keep", "1"), "true");

        Filters notKept = Filters.of(Map.of("label!", Set.of("keep")));
        assertNull(daemon.prune(Filters.of(Map.of("until", Set.of("1h")))).containersDeleted(),
                "every container is younger than an hour");
        ContainerPruneReport report = daemon.prune(notKept);
        assertEquals(List.of(created), report.containersDeleted());
        assertThrows(NotFoundError.class, () -> daemon.lookup(created));
        assertEquals(running, daemon.lookup("p-running").id);
        assertEquals(kept, daemon.lookup("p-kept").id);
        Event prune = fixture.bus.events().get(fixture.bus.events().size() - 1);
        assertEquals("prune", prune.action());
        assertEquals(Long.toString(report.spaceReclaimed()), prune.attributes().get("reclaimed"));

        assertEquals("Invalid filter 'status'", assertThrows(InvalidParameterError.class,
                () -> daemon.prune(Filters.of(Map.of("status", Set.of("exited"))))).getMessage());
        assertEquals(List.of(new ImageUsers.User(running, true), new ImageUsers.User(kept, false)),
                daemon.imageUsers(IMAGE_ID).containers());
    }

    @Test
    void untilReadsAsDockerdsTimestamps() {
        Instant now = Instant.parse("2026-01-02T03:04:05Z");
        assertEquals(now.minus(Duration.ofMinutes(90)), FilterTime.timestamp("1h30m", now));
        assertEquals(Instant.parse("2024-05-06T07:08:09Z"), FilterTime.timestamp("2024-05-06T07:08:09Z", now));
        assertEquals(Instant.ofEpochSecond(1_700_000_000, 500_000_000), FilterTime.timestamp("1700000000.5", now));
        assertEquals("failed to parse value as time or duration: \"soon\"",
                assertThrows(InvalidParameterError.class, () -> FilterTime.timestamp("soon", now)).getMessage());
        assertTrue(ContainerDaemon.prunable(Filters.of(Map.of("label", Set.of("a=1"))), Map.of("a", "1")));
        assertTrue(!ContainerDaemon.prunable(Filters.of(Map.of("label!", Set.of("a"))), Map.of("a", "1")));
    }
}
