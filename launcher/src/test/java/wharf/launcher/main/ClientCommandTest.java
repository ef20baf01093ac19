package wharf.launcher.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which command lines are management commands, and for which host. */
class ClientCommandTest {
    private static ClientCommand parse(Map<String, String> env, String... args) throws UsageException {
        return ClientCommand.parse(List.of(args), env).orElseThrow();
    }

    @Test
    void aCommandWordMakesAClientCommandForTheDefaultSocket() throws Exception {
        ClientCommand c = parse(Map.of(), "bundle", "ls");
        assertEquals(new ClientCommand("unix:///var/run/wharf.sock", "bundle", List.of("ls")), c);
        assertEquals(List.of(), parse(Map.of(), "routes").args());
    }

    @Test
    void theHostComesFromTheFlagInAnyFormElseTheEnvironment() throws Exception {
        Map<String, String> env = Map.of(ClientCommand.HOST_ENV, "unix:///env.sock");
        assertEquals("unix:///env.sock", parse(env, "jobs").host());
        assertEquals("unix:///a.sock", parse(env, "-H", "unix:///a.sock", "jobs").host());
        assertEquals("unix:///b.sock", parse(env, "--host=unix:///b.sock", "jobs").host());
        assertEquals("unix:///c.sock", parse(env, "-Hunix:///c.sock", "jobs").host());
        assertEquals("unix:///d.sock", parse(env, "-H=unix:///d.sock", "jobs").host());
        assertEquals("tcp://127.0.0.1:2375", parse(env, "--host", "tcp://127.0.0.1:2375", "routes").host());
    }

    @Test
    void anythingElseIsTheDaemonsCommandLine() throws Exception {
        assertTrue(ClientCommand.parse(List.of(), Map.of()).isEmpty());
        assertTrue(ClientCommand.parse(List.of("-H", "unix:///x.sock"), Map.of()).isEmpty());
        assertTrue(ClientCommand.parse(List.of("-D", "routes"), Map.of()).isEmpty());
        assertTrue(ClientCommand.parse(List.of("--data-root", "/x", "jobs"), Map.of()).isEmpty());
        assertTrue(ClientCommand.parse(List.of("-H"), Map.of()).isEmpty());
    }

    @Test
    void tablesArePaddedAsDockersAre() {
        String t = new Table("ID", "NAME", "STATE").row("0", "org.apache.felix.framework", "active")
                .row("12", "wharf.server", "").render();
        assertEquals("""
                ID   NAME                         STATE
                0    org.apache.felix.framework   active
                12   wharf.server
                """, t);
    }
}
