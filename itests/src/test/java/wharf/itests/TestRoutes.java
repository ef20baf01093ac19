package wharf.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import wharf.server.api.Route;
import wharf.server.api.RouteGroup;

/** Route groups a test registers as a third-party bundle would, under the group name {@code test}. */
final class TestRoutes {
    static final String RAW_STREAM = "application/vnd.docker.raw-stream";
    static final String GREETING = "hello\n";
    static final String FAREWELL = "bye\n";

    private TestRoutes() {
    }

    static ServiceRegistration<RouteGroup> register(BundleContext context, RouteGroup group, int ranking) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(RouteGroup.NAME, "test");
        props.put(Constants.SERVICE_RANKING, ranking);
        return context.registerService(RouteGroup.class, group, props);
    }

    /**
     * {@code POST /test/hijack}: an attach in miniature. It greets, echoes what the client sends
     * until the client half-closes, says goodbye and closes; {@code GET /test/ready} tells the
     * test the group is mounted.
     */
    static RouteGroup echo() {
        return () -> List.of(
                Route.get("/test/ready", (req, resp) -> resp.status(204)),
                Route.post("/test/hijack", (req, resp) -> resp.hijack(RAW_STREAM, TestRoutes::echoSession)));
    }

    /** {@code GET /test/x} answering {@code {"answer": name}}. */
    static RouteGroup answer(String name) {
        return () -> List.of(Route.get("/test/x", (req, resp) -> resp.json(Map.of("answer", name))));
    }

    private static void echoSession(InputStream in, OutputStream out) throws IOException {
        out.write(GREETING.getBytes(StandardCharsets.UTF_8));
        byte[] buf = new byte[4096];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            out.write(buf, 0, n);
        }
        out.write(FAREWELL.getBytes(StandardCharsets.UTF_8));
        out.close();
    }
}
