package wharf.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FiltersTest {

    @Test
    void emptyFiltersAcceptEverything() {
        Filters none = Filters.empty();

        assertTrue(none.isEmpty());
        assertTrue(none.exactMatch("type", "container"));
        assertTrue(none.prefixMatch("id", "abc"));
        assertTrue(none.matchKeyValues("label", null));
        assertEquals(Set.of(), none.get("type"));
    }

    @Test
    void ofKeepsKeysAndValuesWithoutDuplicates() {
        Filters filters = Filters.of(Map.of("type", List.of("container", "image", "container")));

        assertFalse(filters.isEmpty());
        assertEquals(Set.of("type"), filters.keys());
        assertTrue(filters.contains("type"));
        assertFalse(filters.contains("event"));
        assertEquals(Set.of("container", "image"), filters.get("type"));
        assertThrows(UnsupportedOperationException.class, () -> filters.get("type").add("volume"));
    }

    @Test
    void validateRefusesUnknownKeysWithDockerdsMessage() {
        Filters filters = Filters.of(Map.of("type", List.of("container"), "bogus", List.of("x")));

        InvalidParameterError e = assertThrows(InvalidParameterError.class, () -> filters.validate(Set.of("type")));
        assertEquals("Invalid filter 'bogus'", e.getMessage());
        assertSame(filters, filters.validate(Set.of("type", "bogus")));
    }

    @Test
    void exactMatchWantsOneOfTheValues() {
        Filters filters = Filters.of(Map.of("event", List.of("start", "die")));

        assertTrue(filters.exactMatch("event", "die"));
        assertFalse(filters.exactMatch("event", "stop"));
        assertFalse(filters.exactMatch("event", "star"));
        assertTrue(filters.exactMatch("type", "anything"));
    }

    @Test
    void aKeyWithoutValuesAcceptsEverything() {
        Filters filters = Filters.of(Map.of("event", List.of()));

        assertTrue(filters.exactMatch("event", "start"));
        assertTrue(filters.prefixMatch("event", "start"));
    }

    @Test
    void prefixMatchAcceptsAnIdPrefixOrTheWholeId() {
        Filters filters = Filters.of(Map.of("id", List.of("3f65")));

        assertTrue(filters.prefixMatch("id", "3f65a0c1"));
        assertTrue(filters.prefixMatch("id", "3f65"));
        assertFalse(filters.prefixMatch("id", "a3f65"));
        assertFalse(filters.prefixMatch("id", null));
    }

    @Test
    void matchKeyValuesWantsEveryLabel() {
        Map<String, String> labels = Map.of("tier", "front", "team", "web", "empty", "");

        assertTrue(Filters.of(Map.of("label", List.of("tier"))).matchKeyValues("label", labels));
        assertTrue(Filters.of(Map.of("label", List.of("tier=front"))).matchKeyValues("label", labels));
        assertTrue(Filters.of(Map.of("label", List.of("tier=front", "team"))).matchKeyValues("label", labels));
        assertTrue(Filters.of(Map.of("label", List.of("empty="))).matchKeyValues("label", labels));
        assertFalse(Filters.of(Map.of("label", List.of("tier=back"))).matchKeyValues("label", labels));
        assertFalse(Filters.of(Map.of("label", List.of("tier=front", "owner"))).matchKeyValues("label", labels));
        assertFalse(Filters.of(Map.of("label", List.of("tier"))).matchKeyValues("label", null));
        assertFalse(Filters.of(Map.of("label", List.of("tier"))).matchKeyValues("label", Map.of()));
    }
}
