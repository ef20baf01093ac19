package wharf.routes.system.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wharf.engine.api.event.Event;

class SystemFactsTest {

    @Test
    void hostFactsAreThisMachines() throws Exception {
        HostFacts host = new HostFacts();
        assertEquals(Runtime.getRuntime().availableProcessors(), host.cpus());
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim(), host.kernelVersion());
        assertTrue(host.memTotal() > 0);
        assertFalse(host.operatingSystem().isBlank());
        assertTrue(host.openFiles() > 0);
    }

    @Test
    void insecureRegistriesShowAsDockerdShowsThem() {
        assertEquals(List.of("reg.example:5000", "10.0.0.0/8"),
                SystemRoutes.insecureRegistries(" reg.example:5000,,10.0.0.0/8"));
        assertEquals(List.of(), SystemRoutes.insecureRegistries(null));

        Map<String, Object> config = SystemInfo.registryConfig(List.of("http://reg.example:5000", "10.0.0.0/8"));
        assertEquals(List.of("127.0.0.0/8", "10.0.0.0/8"), config.get("InsecureRegistryCIDRs"));
        Map<?, ?> indexes = (Map<?, ?>) config.get("IndexConfigs");
        assertEquals(List.of("docker.io", "reg.example:5000"), List.copyOf(indexes.keySet()));
        assertEquals(Map.of("Name", "reg.example:5000", "Mirrors", List.of(), "Secure", false, "Official", false),
                indexes.get("reg.example:5000"));
        assertEquals(true, ((Map<?, ?>) indexes.get("docker.io")).get("Secure"));
        assertEquals(List.of("127.0.0.0/8"), SystemInfo.registryConfig(List.of("127.0.0.0/8")).get("InsecureRegistryCIDRs"));
    }

    @Test
    void engineIdIsKeptAcrossRuns(@TempDir Path dir) {
        Path file = dir.resolve("data/engine-id");
        String first = DaemonIdentity.loadOrCreate(file);
        assertEquals(first, DaemonIdentity.loadOrCreate(file));
        assertEquals(36, first.length());
    }

    @Test
    void eventsCarryTheLegacyFieldsForContainers() {
        Event e = new Event("container", "start", "abc", Map.of("image", "busybox:local", "name", "c1"), "local",
                1_795_788_770_564_338_765L);
        EventsHandler.Message m = EventsHandler.Message.of(e);
        assertEquals("start", m.status());
        assertEquals("abc", m.id());
        assertEquals("busybox:local", m.from());
        assertEquals(1_795_788_770L, m.time());
        EventsHandler.Message daemon = EventsHandler.Message.of(new Event("daemon", "reload", "d", Map.of(), null, 1));
        assertEquals(null, daemon.status());
    }
}
