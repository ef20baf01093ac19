package wharf.engine.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wharf.engine.api.Filters;
import wharf.engine.api.InvalidParameterError;

class EventQueryTest {
    private static final Event START = new Event("container", "start", "3f65a0c1",
            Map.of("name", "trusting_pike", "image", "busybox:1.36", "tier", "front"), "local", 1_000);
    private static final Event PULL = new Event("image", "pull", "sha256:58cc",
            Map.of("name", "docker.io/library/busybox:1.36"), "local", 2_000);
    private static final Event EXEC = new Event("container", "exec_start: sh -c date", "3f65a0c1",
            Map.of("name", "trusting_pike", "image", "busybox:1.36"), "local", 3_000);
    private static final Event CONNECT = new Event("network", "connect", "9a9a",
            Map.of("name", "bridge", "container", "3f65a0c1"), "local", 4_000);

    private static EventQuery filtered(String key, String... values) {
        return new EventQuery(0, 0, Filters.of(Map.of(key, List.of(values))));
    }

    @Test
    void liveOnlyWithoutBounds() {
        assertFalse(EventQuery.live().replays());
        assertTrue(new EventQuery(1, 0, null).replays());
        assertTrue(new EventQuery(0, 1, null).replays());
        assertTrue(new EventQuery(0, 0, null).filters().isEmpty());
    }

    @Test
    void unknownFilterKeysAreRefused() {
        InvalidParameterError e = assertThrows(InvalidParameterError.class,
                () -> filtered("colour", "red"));
        assertEquals("Invalid filter 'colour'", e.getMessage());
    }

    @Test
    void boundsAreInclusive() {
        assertTrue(new EventQuery(1_000, 1_000, null).matches(START));
        assertFalse(new EventQuery(1_001, 0, null).matches(START));
        assertFalse(new EventQuery(0, 999, null).matches(START));
        assertTrue(new EventQuery(0, 0, null).matches(START));
    }

    @Test
    void typeAndEventMatchExactly() {
        assertTrue(filtered("type", "container").matches(START));
        assertFalse(filtered("type", "container").matches(PULL));
        assertTrue(filtered("type", "image", "container").matches(PULL));
        assertFalse(filtered("type", "bogus").matches(START));
        assertTrue(filtered("event", "start", "die").matches(START));
        assertFalse(filtered("event", "sta").matches(START));
    }

    @Test
    void bareExecAndHealthActionsMatchTheirDetailedForms() {
        assertTrue(filtered("event", "exec_start").matches(EXEC));
        assertFalse(filtered("event", "exec_create").matches(EXEC));
        assertFalse(filtered("event", "start").matches(EXEC));
    }

    @Test
    void containerMatchesByIdOrNameAndTheirPrefixes() {
        assertTrue(filtered("container", "3f65a0c1").matches(START));
        assertTrue(filtered("container", "3f65").matches(START));
        assertTrue(filtered("container", "trusting_pike").matches(START));
        assertTrue(filtered("container", "trusting").matches(START));
        assertFalse(filtered("container", "other").matches(START));
        assertFalse(filtered("container", "pike").matches(START));
    }

    @Test
    void anObjectKeyOnlyMatchesEventsOfItsKind() {
        assertFalse(filtered("container", "3f65a0c1").matches(CONNECT));
        assertTrue(filtered("network", "bridge").matches(CONNECT));
        assertTrue(filtered("network", "9a9a").matches(CONNECT));
        assertFalse(filtered("network", "bridge").matches(START));
        assertFalse(filtered("volume", "3f65a0c1").matches(START));
    }

    @Test
    void labelsMatchByKeyOrKeyAndValue() {
        assertTrue(filtered("label", "tier").matches(START));
        assertTrue(filtered("label", "tier=front").matches(START));
        assertFalse(filtered("label", "tier=back").matches(START));
        assertFalse(filtered("label", "tier").matches(PULL));
    }

    @Test
    void imageMatchesContainersByTheirImageAndImagesByNameOrId() {
        assertTrue(filtered("image", "busybox:1.36").matches(START));
        assertTrue(filtered("image", "busybox").matches(START));
        assertFalse(filtered("image", "busybox:latest").matches(START));
        assertFalse(filtered("image", "alpine").matches(START));

        assertTrue(filtered("image", "busybox").matches(PULL));
        assertTrue(filtered("image", "docker.io/library/busybox:1.36").matches(PULL));
        assertTrue(filtered("image", "sha256:58cc").matches(PULL));
        assertFalse(filtered("image", "sha256").matches(PULL));
        assertFalse(filtered("image", "busybox").matches(CONNECT));
    }

    @Test
    void repositoryDropsTagDigestAndHubPrefix() {
        assertEquals("busybox", EventQuery.repositoryOf("busybox:1.36"));
        assertEquals("busybox", EventQuery.repositoryOf("busybox"));
        assertEquals("busybox", EventQuery.repositoryOf("docker.io/library/busybox:latest"));
        assertEquals("busybox", EventQuery.repositoryOf("library/busybox"));
        assertEquals("user/app", EventQuery.repositoryOf("docker.io/user/app:2"));
        assertEquals("127.0.0.1:5000/bb", EventQuery.repositoryOf("127.0.0.1:5000/bb:1"));
        assertEquals("127.0.0.1:5000/bb", EventQuery.repositoryOf("127.0.0.1:5000/bb"));
        assertEquals("busybox", EventQuery.repositoryOf("busybox@sha256:0123abcd"));
        assertEquals("sha256:58cc", EventQuery.repositoryOf("sha256:58cc"));
    }

    @Test
    void scopeMatchesExactly() {
        assertTrue(filtered("scope", "local").matches(START));
        assertFalse(filtered("scope", "swarm").matches(START));
    }

    @Test
    void everyKeyMustMatch() {
        EventQuery query = new EventQuery(0, 0, Filters.of(Map.of(
                "type", List.of("container"), "event", List.of("start"), "label", List.of("tier=front"))));

        assertTrue(query.matches(START));
        assertFalse(query.matches(EXEC));
        assertFalse(query.matches(PULL));
    }
}
