package wharf.daemon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import wharf.engine.api.SystemError;
import wharf.engine.api.container.ContainerTop;

/** ps's arguments and table as moby's top reads them. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class PsTableTest {

    @Test
    void keepsTheContainersRowsAndJoinsTheCommand() {
        String ps = """
                UID          PID    PPID  C STIME TTY          TIME CMD
                root           1       0  0 17:50 ?        00:00:01 /sbin/init splash
                root       10381   10360  0 17:53 ?        00:00:00 sleep 600
                root       10400   10381  0 17:53 ?        00:00:00 sh -c while true; do sleep 1; done
                """;
        ContainerTop top = PsTable.parse(ps, Set.of(10381, 10400));
        assertEquals(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"), top.titles());
        assertEquals(List.of(List.of("root", "10381", "10360", "0", "17:53", "?", "00:00:00", "sleep 600"),
                List.of("root", "10400", "10381", "0", "17:53", "?", "00:00:00", "sh -c while true; do sleep 1; done")),
                top.processes());
    }

    @Test
    void threadRowsFollowTheirProcess() {
        String ps = "  PID TID COMMAND\n    7   - java\n    -   8 -\n   42   - sleep\n    -  43 -\n";
        ContainerTop top = PsTable.parse(ps, Set.of(42));
        assertEquals(List.of(List.of("42", "-", "sleep"), List.of("-", "43", "-")), top.processes());
    }

    @Test
    void noPidColumnIsAnError() {
        SystemError e = assertThrows(SystemError.class, () -> PsTable.parse("COMMAND\nsleep\n", Set.of(1)));
        assertEquals("Couldn't find PID field in ps output", e.getMessage());
    }

    @Test
    void aPidThatIsNoNumberIsAnError() {
        SystemError e = assertThrows(SystemError.class, () -> PsTable.parse("PID CMD\nx sleep\n", Set.of(1)));
        assertEquals("Unexpected pid 'x': strconv.Atoi: parsing \"x\": invalid syntax", e.getMessage());
    }

    @Test
    void argumentsDefaultToEfAndSplitAtSpaces() {
        assertEquals(List.of("-ef"), PsTable.arguments(""));
        assertEquals(List.of("-o", "pid,comm"), PsTable.arguments("-o pid,comm"));
        assertEquals(List.of("-o", "pid=PID,comm"), PsTable.arguments("-o pid=PID,comm"));
    }

    @Test
    void anotherFieldNamedPidIsRefused() {
        SystemError e = assertThrows(SystemError.class, () -> PsTable.arguments("-o ppid=PID"));
        assertEquals("specifying \"ppid=PID\" is not allowed", e.getMessage());
    }

    @Test
    void pidsNarrowPsWithQ() {
        assertEquals("-q1,22,333", PsTable.pidsArgument(List.of(1, 22, 333)));
        assertEquals("-q", PsTable.pidsArgument(List.of()));
    }
}
