package wharf.routes.containers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wharf.engine.api.ConflictError;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.container.ContainerChange;
import wharf.engine.api.container.ContainerChanges;
import wharf.engine.api.container.ContainerJobs;
import wharf.engine.api.container.ContainerName;
import wharf.engine.api.container.ContainerTop;
import wharf.engine.api.container.StatsContainer;
import wharf.engine.api.container.TopContainer;
import wharf.server.api.Method;
import wharf.testing.routes.FakeEngine;
import wharf.testing.routes.FakeRequest;
import wharf.testing.routes.FakeResponse;
import wharf.testing.routes.Routes;

/** Export, changes, top and stats against a fake engine: what each handler asks for and answers. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class InspectionRoutesTest {
    private final FakeEngine engine = new FakeEngine();
    private final ContainerRoutes routes = new ContainerRoutes(engine);
    private final FakeResponse resp = new FakeResponse();

    private void call(String template, FakeRequest req) throws Exception {
        Routes.find(routes, Method.GET, template).handler().handle(req, resp);
    }

    private static FakeRequest named(String name) {
        return new FakeRequest().var("name", name);
    }

    @Test
    void exportStreamsTheTarAsOctetStream() throws Exception {
        ScriptedStream tar = new ScriptedStream(false).out("tar bytes");
        engine.on(ContainerJobs.EXPORT, job -> tar);
        FakeRequest req = named("c1");
        call("/containers/{name:.*}/export", req);

        assertEquals(new ContainerName("c1"), engine.input(ContainerJobs.EXPORT));
        assertEquals(200, resp.status());
        assertEquals("application/octet-stream", resp.contentType());
        assertEquals("tar bytes", resp.text());
        assertEquals(req.cancellation(), tar.cancellation());
    }

    @Test
    void exportOfAMissingContainerFailsBeforeAnswering() {
        engine.on(ContainerJobs.EXPORT, job -> {
            throw new NotFoundError("No such container: nope");
        });
        assertThrows(NotFoundError.class, () -> call("/containers/{name:.*}/export", named("nope")));
        assertEquals(-1, resp.status(), "nothing was answered");
    }

    @Test
    void changesAreAnArrayOrNull() throws Exception {
        engine.on(ContainerJobs.CHANGES, job -> new ContainerChanges(List.of(new ContainerChange("/tmp", 0),
                new ContainerChange("/tmp/new", 1), new ContainerChange("/bin/yes", 2))));
        call("/containers/{name:.*}/changes", named("c1"));
        assertEquals("[{\"Path\":\"/tmp\",\"Kind\":0},{\"Path\":\"/tmp/new\",\"Kind\":1},"
                + "{\"Path\":\"/bin/yes\",\"Kind\":2}]\n", resp.text());

        FakeResponse none = new FakeResponse();
        engine.on(ContainerJobs.CHANGES, job -> new ContainerChanges(List.of()));
        routes.routes().stream().filter(r -> r.template().equals("/containers/{name:.*}/changes")).findFirst()
                .orElseThrow().handler().handle(named("c1"), none);
        assertEquals("null\n", none.text(), "dockerd answers null when nothing changed");
    }

    @Test
    void topPassesPsArgsAndAnswersTitlesAndProcesses() throws Exception {
        engine.on(ContainerJobs.TOP, job -> new ContainerTop(List.of(List.of("42", "sleep")), List.of("PID", "COMMAND")));
        call("/containers/{name:.*}/top", named("c1").param("ps_args", "-o pid,comm"));
        assertEquals(new TopContainer("c1", "-o pid,comm"), engine.input(ContainerJobs.TOP));
        assertEquals("{\"Processes\":[[\"42\",\"sleep\"]],\"Titles\":[\"PID\",\"COMMAND\"]}\n", resp.text());
    }

    @Test
    void topOfAStoppedContainerIsTheJobsConflict() {
        engine.on(ContainerJobs.TOP, job -> {
            throw new ConflictError("Container abc is not running");
        });
        assertThrows(ConflictError.class, () -> call("/containers/{name:.*}/top", named("c1")));
        assertEquals(new TopContainer("c1", ""), engine.input(ContainerJobs.TOP), "no ps_args: the job's default");
    }

    @Test
    void statsStreamByDefaultWithoutContentType() throws Exception {
        engine.on(ContainerJobs.STATS, job -> new ScriptedStream(false).out("{\"read\":1}\n").out("{\"read\":2}\n"));
        call("/containers/{name:.*}/stats", named("c1"));
        assertEquals(new StatsContainer("c1", true, false), engine.input(ContainerJobs.STATS));
        assertEquals(200, resp.status());
        assertNull(resp.contentType(), "dockerd sends no Content-Type when streaming stats");
        assertEquals("{\"read\":1}\n{\"read\":2}\n", resp.text());
    }

    @Test
    void oneSampleIsJson() throws Exception {
        engine.on(ContainerJobs.STATS, job -> new ScriptedStream(false).out("{}\n"));
        call("/containers/{name:.*}/stats", named("c1").param("stream", "0").param("one-shot", "1"));
        assertEquals(new StatsContainer("c1", false, true), engine.input(ContainerJobs.STATS));
        assertEquals("application/json", resp.contentType());
    }

    @Test
    void oneShotNeedsStreamOffAndApi141() throws Exception {
        InvalidParameterError e = assertThrows(InvalidParameterError.class,
                () -> call("/containers/{name:.*}/stats", named("c1").param("one-shot", "1")));
        assertEquals("cannot have stream=true and one-shot=true", e.getMessage());
        assertTrue(engine.inputs().isEmpty(), "refused before the job ran");

        engine.on(ContainerJobs.STATS, job -> new ScriptedStream(false).out("{}\n"));
        call("/containers/{name:.*}/stats", named("c1").version("1.40").param("stream", "0").param("one-shot", "1"));
        assertEquals(new StatsContainer("c1", false, false), engine.input(ContainerJobs.STATS),
                "one-shot is unknown before API 1.41");
    }
}
