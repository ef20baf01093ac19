package wharf.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import wharf.engine.api.Cancellation;

/** Streams end with the group that serves them, and only then. */
class GroupStreamsTest {
    private final GroupStreams streams = new GroupStreams();
    private final List<String> ended = new ArrayList<>();

    @Test
    void aWithdrawnGroupsStreamsEndAndOthersGoOn() {
        streams.mounted(1);
        streams.mounted(2);
        streams.guard(1).open(() -> ended.add("events"));
        streams.guard(1).open(() -> ended.add("logs"));
        streams.guard(2).open(() -> ended.add("other"));
        streams.withdrawn(1);
        assertEquals(List.of("events", "logs"), ended.stream().sorted().toList());
        assertFalse(streams.isMounted(1));
        assertTrue(streams.isMounted(2));
    }

    @Test
    void aStreamThatEndedByItselfIsNotEndedAgain() {
        streams.mounted(1);
        Cancellation.AutoCloseableNoThrow handle = streams.guard(1).open(() -> ended.add("events"));
        handle.close();
        streams.withdrawn(1);
        assertTrue(ended.isEmpty());
    }

    @Test
    void aStreamStartingAfterItsGroupWentEndsAtOnce() {
        streams.mounted(1);
        streams.withdrawn(1);
        streams.guard(1).open(() -> ended.add("late"));
        assertEquals(List.of("late"), ended);
    }

    @Test
    void aRemountedGroupsStreamsGoOnUntilItIsWithdrawn() {
        streams.mounted(3);
        streams.guard(3).open(() -> ended.add("events"));
        streams.mounted(3);
        assertTrue(ended.isEmpty());
        streams.withdrawn(3);
        assertEquals(List.of("events"), ended);
    }
}
