package wharf.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import wharf.engine.api.system.ServeApi;
import wharf.server.api.ApiVersion;

/** The server's configuration changes in place: CORS and the API window, bad changes refused whole. */
class ServerStateTest {
    private final ServerState state = new ServerState(TestConfig.defaults());

    private static ServeApi cors(boolean on, String origin) {
        return new ServeApi(List.of("unix:///x"), false, on, origin, "1.0", null, null, null, null, null, null, true);
    }

    @Test
    void corsFollowsTheFlagsUntilTheConfigurationSetsAnOrigin() {
        assertNull(state.corsOrigin(), "CORS is off by default");
        state.settings(cors(true, ""));
        assertEquals("*", state.corsOrigin());
        state.settings(cors(true, "https://flag.example"));
        assertEquals("https://flag.example", state.corsOrigin());

        state.modified(TestConfig.of("1.47", "1.24", "https://config.example"));
        assertEquals("https://config.example", state.corsOrigin());
        state.settings(cors(false, null));
        assertEquals("https://config.example", state.corsOrigin(), "the configured origin turns CORS on by itself");

        state.modified(TestConfig.defaults());
        assertNull(state.corsOrigin(), "without the configured origin the flags decide again");
    }

    @Test
    void theApiWindowChangesLiveAndABadChangeLeavesTheOldOne() {
        state.modified(TestConfig.of("1.45", "1.30", ""));
        assertEquals(ApiVersion.parse("1.45"), state.info().apiVersion());
        assertEquals(ApiVersion.parse("1.30"), state.info().minApiVersion());

        state.modified(TestConfig.of("1.20", "1.30", "https://ignored.example"));
        assertEquals(ApiVersion.parse("1.45"), state.info().apiVersion());
        assertNull(state.corsOrigin(), "nothing of a refused change applies");

        state.modified(TestConfig.of("x", "1.24", ""));
        assertEquals(ApiVersion.parse("1.30"), state.info().minApiVersion());
    }
}
