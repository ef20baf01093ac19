package wharf.itests;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.ServiceRegistration;
import wharf.server.api.RouteGroup;

/** Two groups declaring the same route: the higher service ranking serves it, whatever came first. */
@RunWith(PaxExam.class)
public class RouteConflictIT extends WharfTestSupport {

    @Test
    public void theHigherRankingAnswersAndTheOtherTakesOverWhenItGoes() throws Exception {
        Path socket = tmp.resolve("w.sock");
        startDaemon("unix://" + socket);

        ServiceRegistration<RouteGroup> high = TestRoutes.register(context, TestRoutes.answer("high"), 10);
        TestRoutes.register(context, TestRoutes.answer("low"), 5);
        assertEquals("{\"answer\":\"high\"}\n", answer(socket, "high"));

        high.unregister();
        assertEquals("{\"answer\":\"low\"}\n", answer(socket, "low"));

        TestRoutes.register(context, TestRoutes.answer("higher"), 20);
        assertEquals("{\"answer\":\"higher\"}\n", answer(socket, "higher"));
    }

    /** GET /test/x until the expected group answers (route changes apply asynchronously). */
    private static String answer(Path socket, String expected) throws InterruptedException {
        return Await.until("GET /test/x to be answered by '" + expected + "'",
                () -> unixRequest(socket, "GET", "/test/x"),
                r -> r.status() == 200 && r.body().contains("\"" + expected + "\"")).body();
    }
}
