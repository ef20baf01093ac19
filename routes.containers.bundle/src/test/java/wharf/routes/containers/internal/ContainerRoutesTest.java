package wharf.routes.containers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wharf.engine.api.ConflictError;
import wharf.engine.api.Filters;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.JobError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.NotModifiedError;
import wharf.engine.api.container.AttachContainer;
import wharf.engine.api.container.ContainerJobs;
import wharf.engine.api.container.ContainerLogs;
import wharf.engine.api.container.ContainerName;
import wharf.engine.api.container.ContainerSummaries;
import wharf.engine.api.container.CreateContainer;
import wharf.engine.api.container.CreateExec;
import wharf.engine.api.container.CreatedContainer;
import wharf.engine.api.container.CreatedExec;
import wharf.engine.api.container.ExecInspect;
import wharf.engine.api.container.ExecName;
import wharf.engine.api.container.HostConfig;
import wharf.engine.api.container.InspectContainer;
import wharf.engine.api.container.KillContainer;
import wharf.engine.api.container.ListContainers;
import wharf.engine.api.container.PendingExit;
import wharf.engine.api.container.RemoveContainer;
import wharf.engine.api.container.ResizeTerminal;
import wharf.engine.api.container.StartExec;
import wharf.engine.api.container.StopContainer;
import wharf.engine.api.container.WaitContainer;
import wharf.engine.api.container.WaitResult;
import wharf.server.api.Method;
import wharf.server.api.Route;
import wharf.testing.routes.FakeEngine;
import wharf.testing.routes.FakeRequest;
import wharf.testing.routes.FakeResponse;
import wharf.testing.routes.Routes;

/** The container and exec routes against a fake engine: what each handler asks for and answers. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ContainerRoutesTest {
    private static final String ID = "ab".repeat(32);

    private final FakeEngine engine = new FakeEngine();
    private final ContainerRoutes routes = new ContainerRoutes(engine);
    private final FakeResponse resp = new FakeResponse();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    private void call(Method method, String template, FakeRequest req) throws Exception {
        Routes.find(routes, method, template).handler().handle(req, resp);
    }

    private static FakeRequest named(String name) {
        return new FakeRequest().var("name", name);
    }

    @Test
    void routesAreListedOnceSortedByVerb() {
        List<String> table = routes.routes().stream().map(Route::toString).toList();
        assertEquals(List.of(
                "GET /containers/json", "GET /containers/{name:.*}/json", "GET /containers/{name:.*}/logs",
                "GET /containers/{name:.*}/export", "GET /containers/{name:.*}/changes",
                "GET /containers/{name:.*}/top", "GET /containers/{name:.*}/stats",
                "GET /containers/{name:.*}/archive",
                "GET /exec/{id:.*}/json",
                "HEAD /containers/{name:.*}/archive",
                "POST /containers/create", "POST /containers/prune", "POST /containers/{name:.*}/kill", "POST /containers/{name:.*}/pause",
                "POST /containers/{name:.*}/unpause", "POST /containers/{name:.*}/restart",
                "POST /containers/{name:.*}/start", "POST /containers/{name:.*}/stop",
                "POST /containers/{name:.*}/wait", "POST /containers/{name:.*}/resize",
                "POST /containers/{name:.*}/rename", "POST /containers/{name:.*}/update",
                "POST /containers/{name:.*}/attach", "POST /containers/{name:.*}/exec",
                "POST /containers/{name:.*}/copy",
                "POST /exec/{id:.*}/start", "POST /exec/{id:.*}/resize",
                "PUT /containers/{name:.*}/archive",
                "DELETE /containers/{name:.*}"), table);
        assertEquals(table.size(), Set.copyOf(table).size(), "a route is listed twice");
    }

    // create

    @Test
    void createReadsTheConfigAtTheTopAndTheHostConfigBesideIt() throws Exception {
        engine.on(ContainerJobs.CREATE, job -> new CreatedContainer(ID, List.of()));
        call(Method.POST, "/containers/create", new FakeRequest().param("name", "c1").body("""
                {"Image":"busybox:local","Cmd":["echo","hi"],"Tty":true,"Env":["A=1"],"Unknown":1,
                 "HostConfig":{"AutoRemove":true,"Memory":1048576,"RestartPolicy":{"Name":"on-failure",
                 "MaximumRetryCount":3},"Bogus":{}},
                 "NetworkingConfig":{"EndpointsConfig":{"default":{}}}}
                """));

        CreateContainer input = engine.input(ContainerJobs.CREATE);
        assertEquals("c1", input.name());
        assertEquals("busybox:local", input.config().image());
        assertEquals(List.of("echo", "hi"), input.config().cmd());
        assertTrue(input.config().tty());
        assertEquals(List.of("A=1"), input.config().env());
        assertTrue(input.hostConfig().autoRemove());
        assertEquals(1048576, input.hostConfig().memory());
        assertEquals(new HostConfig.RestartPolicy("on-failure", 3), input.hostConfig().restartPolicy());
        assertEquals(201, resp.status());
        assertEquals("{\"Id\":\"" + ID + "\",\"Warnings\":[]}\n", resp.text());
    }

    @Test
    void createWithoutHostConfigGetsTheEmptyOneAndAGeneratedName() throws Exception {
        engine.on(ContainerJobs.CREATE, job -> new CreatedContainer(ID, List.of()));
        call(Method.POST, "/containers/create", new FakeRequest().body("{\"Image\":\"bb\"}"));

        CreateContainer input = engine.input(ContainerJobs.CREATE);
        assertEquals("", input.name());
        assertEquals(HostConfig.empty(), input.hostConfig());
        assertEquals("default", input.hostConfig().networkMode());
    }

    @Test
    void createRefusesMalformedJsonAndAMissingBodyAsClientErrors() {
        engine.on(ContainerJobs.CREATE, job -> new CreatedContainer(ID, List.of()));
        InvalidParameterError bad = assertThrows(InvalidParameterError.class,
                () -> call(Method.POST, "/containers/create", new FakeRequest().body("{bad}")));
        assertTrue(bad.getMessage().startsWith("invalid JSON: "), bad.getMessage());

        InvalidParameterError empty = assertThrows(InvalidParameterError.class,
                () -> call(Method.POST, "/containers/create", new FakeRequest()));
        assertEquals("invalid JSON: got EOF while reading request body", empty.getMessage());

        InvalidParameterError wrongType = assertThrows(InvalidParameterError.class,
                () -> call(Method.POST, "/containers/create", new FakeRequest().body("{\"Cmd\":{\"a\":1}}")));
        assertTrue(wrongType.getMessage().startsWith("invalid JSON: "), wrongType.getMessage());

        assertThrows(InvalidParameterError.class,
                () -> call(Method.POST, "/containers/create", new FakeRequest().body("[1]")));
        assertTrue(engine.inputs().isEmpty(), "no job runs for a bad body");
        assertFalse(resp.committed());
    }

    @Test
    void createDropsWhatOlderApisDidNotHave() throws Exception {
        engine.on(ContainerJobs.CREATE, job -> new CreatedContainer(ID, List.of()));
        call(Method.POST, "/containers/create", new FakeRequest().version("1.24").body(
                "{\"Image\":\"bb\",\"HostConfig\":{\"AutoRemove\":true,\"ConsoleSize\":[30,100]}}"));

        HostConfig host = engine.input(ContainerJobs.CREATE).hostConfig();
        assertFalse(host.autoRemove(), "API 1.24 clients remove containers themselves");
        assertEquals(List.of(0, 0), host.consoleSize(), "ConsoleSize came with API 1.42");
    }

    @Test
    void createPassesTheConsoleSizeFromApi142() throws Exception {
        engine.on(ContainerJobs.CREATE, job -> new CreatedContainer(ID, List.of()));
        call(Method.POST, "/containers/create",
                new FakeRequest().body("{\"Image\":\"bb\",\"Tty\":true,\"HostConfig\":{\"ConsoleSize\":[30,100]}}"));
        assertEquals(List.of(30, 100), engine.input(ContainerJobs.CREATE).hostConfig().consoleSize());
    }

    // lifecycle

    @Test
    void startAnswers204AndAStartedContainerIsNotModified() throws Exception {
        engine.on(ContainerJobs.START, job -> null);
        call(Method.POST, "/containers/{name:.*}/start", named("c1").header("Content-Length", "0"));
        assertEquals(new ContainerName("c1"), engine.input(ContainerJobs.START));
        assertEquals(204, resp.status());

        engine.on(ContainerJobs.START, job -> {
            throw new NotModifiedError("Container already started");
        });
        FakeResponse second = new FakeResponse();
        JobError e = assertThrows(NotModifiedError.class, () -> routes.routes().stream()
                .filter(r -> r.template().endsWith("/start") && r.template().startsWith("/containers")).findFirst()
                .orElseThrow().handler().handle(named("c1"), second));
        assertEquals(JobError.Kind.NOT_MODIFIED, e.kind());
        assertFalse(second.committed());
    }

    @Test
    void startRefusesTheOldHostConfigBody() {
        engine.on(ContainerJobs.START, job -> null);
        InvalidParameterError e = assertThrows(InvalidParameterError.class, () -> call(Method.POST,
                "/containers/{name:.*}/start", named("c1").header("Content-Length", "20")));
        assertTrue(e.getMessage().contains("removed in v1.24"), e.getMessage());
        assertThrows(InvalidParameterError.class, () -> call(Method.POST,
                "/containers/{name:.*}/start", named("c1").header("Transfer-Encoding", "chunked")));
        assertTrue(engine.inputs().isEmpty());
    }

    @Test
    void stopPassesTheTimeoutAndFromApi142TheSignal() throws Exception {
        engine.on(ContainerJobs.STOP, job -> null);
        call(Method.POST, "/containers/{name:.*}/stop", named("c1").param("t", "3").param("signal", "SIGINT"));
        assertEquals(new StopContainer("c1", "SIGINT", 3), engine.input(ContainerJobs.STOP));
        assertEquals(204, resp.status());
    }

    @Test
    void stopWithoutParametersLeavesTheContainersDefaultsAndOldApisSendNoSignal() throws Exception {
        engine.on(ContainerJobs.STOP, job -> null);
        engine.on(ContainerJobs.RESTART, job -> null);
        call(Method.POST, "/containers/{name:.*}/stop", named("c1"));
        assertEquals(new StopContainer("c1", null, null), engine.input(ContainerJobs.STOP));

        routes.routes().stream().filter(r -> r.template().endsWith("/restart")).findFirst().orElseThrow().handler()
                .handle(named("c2").version("1.41").param("t", "1").param("signal", "SIGINT"), new FakeResponse());
        assertEquals(new StopContainer("c2", null, 1), engine.inputs().get(1));
    }

    @Test
    void aTimeoutThatIsNoNumberIsAClientError() {
        engine.on(ContainerJobs.STOP, job -> null);
        InvalidParameterError e = assertThrows(InvalidParameterError.class,
                () -> call(Method.POST, "/containers/{name:.*}/stop", named("c1").param("t", "soon")));
        assertEquals("strconv.Atoi: parsing \"soon\": invalid syntax", e.getMessage());
    }

    @Test
    void killPassesTheSignalAndAStoppedContainerIsAConflict() throws Exception {
        engine.on(ContainerJobs.KILL, job -> null);
        call(Method.POST, "/containers/{name:.*}/kill", named("c1").param("signal", "USR1"));
        assertEquals(new KillContainer("c1", "USR1"), engine.input(ContainerJobs.KILL));
        assertEquals(204, resp.status());

        engine.on(ContainerJobs.KILL, job -> {
            throw new ConflictError("Container " + ID + " is not running");
        });
        assertThrows(ConflictError.class, () -> routes.routes().stream()
                .filter(r -> r.template().endsWith("/kill")).findFirst().orElseThrow().handler()
                .handle(named("c1"), new FakeResponse()));
    }

    @Test
    void pauseAndUnpauseAnswer204() throws Exception {
        engine.on(ContainerJobs.PAUSE, job -> null);
        engine.on(ContainerJobs.UNPAUSE, job -> null);
        call(Method.POST, "/containers/{name:.*}/pause", named("c1"));
        assertEquals(204, resp.status());
        FakeResponse unpaused = new FakeResponse();
        routes.routes().stream().filter(r -> r.template().endsWith("/unpause")).findFirst().orElseThrow().handler()
                .handle(named("c1"), unpaused);
        assertEquals(204, unpaused.status());
        assertEquals(List.of(new ContainerName("c1"), new ContainerName("c1")), engine.inputs());
    }

    @Test
    void removePassesItsFlags() throws Exception {
        engine.on(ContainerJobs.RM, job -> null);
        call(Method.DELETE, "/containers/{name:.*}", named("c1").param("force", "1").param("v", "true"));
        assertEquals(new RemoveContainer("c1", true, true, false), engine.input(ContainerJobs.RM));
        assertEquals(204, resp.status());
    }

    @Test
    void resizeAnswers200WithoutABodyAndRefusesSizesThatAreNoNumbers() throws Exception {
        engine.on(ContainerJobs.RESIZE, job -> null);
        call(Method.POST, "/containers/{name:.*}/resize", named("c1").param("h", "30").param("w", "100"));
        assertEquals(new ResizeTerminal("c1", 30, 100), engine.input(ContainerJobs.RESIZE));
        assertEquals(200, resp.status());
        assertEquals(0, resp.bytes().length);

        InvalidParameterError e = assertThrows(InvalidParameterError.class, () -> routes.routes().stream()
                .filter(r -> r.template().equals("/containers/{name:.*}/resize")).findFirst().orElseThrow()
                .handler().handle(named("c1").param("h", "30"), new FakeResponse()));
        assertEquals("strconv.Atoi: parsing \"\": invalid syntax", e.getMessage());
    }

    // list and inspect

    @Test
    void listPassesFlagsLimitAndFiltersAndFoldsTheOldBeforeAndSinceIn() throws Exception {
        engine.on(ContainerJobs.CONTAINERS, job -> new ContainerSummaries(List.of()));
        Filters filters = Filters.of(Map.of("status", List.of("exited")));
        call(Method.GET, "/containers/json", new FakeRequest().param("all", "1").param("limit", "5")
                .param("size", "true").param("before", "c9").filters(filters));

        ListContainers input = engine.input(ContainerJobs.CONTAINERS);
        assertTrue(input.all());
        assertTrue(input.size());
        assertEquals(5, input.limit());
        assertEquals(Set.of("exited"), input.filters().get("status"));
        assertEquals(Set.of("c9"), input.filters().get("before"));
        assertFalse(input.filters().contains("since"));
        assertEquals("[]\n", resp.text());
    }

    @Test
    void inspectPassesTheSizeFlag() throws Exception {
        engine.on(ContainerJobs.CONTAINER_INSPECT, job -> {
            throw new NotFoundError("No such container: " + job.input().name());
        });
        NotFoundError e = assertThrows(NotFoundError.class,
                () -> call(Method.GET, "/containers/{name:.*}/json", named("nope").param("size", "1")));
        assertEquals("No such container: nope", e.getMessage());
        assertEquals(new InspectContainer("nope", true), engine.input(ContainerJobs.CONTAINER_INSPECT));
    }

    // wait

    @Test
    void waitSendsItsHeadersAtOnceAndTheResultOnExit() throws Exception {
        CompletableFuture<WaitResult> exit = new CompletableFuture<>();
        engine.on(ContainerJobs.WAIT, job -> new PendingExit(exit));
        Future<?> handling = executor.submit(() -> {
            call(Method.POST, "/containers/{name:.*}/wait", named("c1").param("condition", "next-exit"));
            return null;
        });

        assertTrue(resp.awaitCommitted(5, TimeUnit.SECONDS), "the headers go out before the exit");
        assertEquals(200, resp.status());
        assertEquals("application/json", resp.contentType());
        assertEquals(0, resp.bytes().length);
        assertFalse(handling.isDone());

        exit.complete(WaitResult.of(7));
        handling.get(5, TimeUnit.SECONDS);
        assertEquals("{\"Error\":null,\"StatusCode\":7}\n", resp.text());
        assertEquals(new WaitContainer("c1", WaitContainer.Condition.NEXT_EXIT), engine.input(ContainerJobs.WAIT));
    }

    @Test
    void waitForAMissingContainerIsAPlain404() {
        engine.on(ContainerJobs.WAIT, job -> {
            throw new NotFoundError("No such container: nope");
        });
        assertThrows(NotFoundError.class, () -> call(Method.POST, "/containers/{name:.*}/wait", named("nope")));
        assertFalse(resp.committed());
    }

    @Test
    void aWaiterThatLeavesStopsWaitingWithoutCancellingTheExit() throws Exception {
        CompletableFuture<WaitResult> exit = new CompletableFuture<>();
        engine.on(ContainerJobs.WAIT, job -> new PendingExit(exit));
        FakeRequest req = named("c1").param("condition", "bogus");
        Future<?> handling = executor.submit(() -> {
            call(Method.POST, "/containers/{name:.*}/wait", req);
            return null;
        });
        assertTrue(resp.awaitCommitted(5, TimeUnit.SECONDS));

        req.cancellation().cancel();
        handling.get(5, TimeUnit.SECONDS);
        assertFalse(exit.isDone(), "other waiters share the exit");
        assertEquals(0, resp.bytes().length);
        assertEquals(WaitContainer.Condition.NOT_RUNNING, engine.input(ContainerJobs.WAIT).condition());
    }

    @Test
    void waitBelowApi130AnswersOnlyOnExit() throws Exception {
        engine.on(ContainerJobs.WAIT, job -> new PendingExit(CompletableFuture.completedFuture(WaitResult.of(3))));
        call(Method.POST, "/containers/{name:.*}/wait", named("c1").version("1.29"));
        assertEquals(200, resp.status());
        assertEquals(3, resp.json().get("StatusCode").asInt());
    }

    @Test
    void aFailedWaitCarriesItsMessage() throws Exception {
        engine.on(ContainerJobs.WAIT, job -> new PendingExit(
                CompletableFuture.failedFuture(new IllegalStateException("removal failed"))));
        call(Method.POST, "/containers/{name:.*}/wait", named("c1").param("condition", "removed"));
        assertEquals("removal failed", resp.json().get("Error").get("Message").asText());
    }

    // logs

    @Test
    void logsMultiplexWithoutATerminalAndLeaveTimestampsAsTheyAre() throws Exception {
        String line = "2026-11-27T14:10:33.196325180Z out1\n";
        ScriptedStream stream = new ScriptedStream(false).out(line).err("err1\n").out("partial");
        engine.on(ContainerJobs.LOGS, job -> stream);
        FakeRequest req = named("c1").param("stdout", "1").param("stderr", "1").param("timestamps", "1")
                .param("follow", "1").param("since", "1700000000.5").param("until", "1700000100").param("tail", "2");
        call(Method.GET, "/containers/{name:.*}/logs", req);

        assertEquals(new ContainerLogs("c1", true, true, true, 1_700_000_000_500_000_000L, 1_700_000_100_000_000_000L,
                true, 2), engine.input(ContainerJobs.LOGS));
        assertEquals(200, resp.status());
        assertEquals(StreamSessions.MULTIPLEXED_STREAM, resp.contentType());
        assertEquals(List.of(new Frame(1, line), new Frame(2, "err1\n"), new Frame(1, "partial")),
                Frame.parse(resp.bytes()));
        assertEquals(req.cancellation(), stream.cancellation(), "the stream ends with the request");
    }

    @Test
    void logsWithATerminalAreRawAndOldApisGetNoContentType() throws Exception {
        engine.on(ContainerJobs.LOGS, job -> new ScriptedStream(true).out("tty-run\r\n").err("merged\r\n"));
        call(Method.GET, "/containers/{name:.*}/logs", named("c1").version("1.41").param("stdout", "1"));

        assertNull(resp.contentType(), "dockerd 20.10 sends no Content-Type with logs");
        assertEquals("tty-run\r\nmerged\r\n", resp.text());
        ContainerLogs input = engine.input(ContainerJobs.LOGS);
        assertEquals(-1, input.tail());
        assertEquals(0, input.since());
        assertEquals(0, input.until());
    }

    @Test
    void logsOfATerminalAreTheRawStreamFromApi142() throws Exception {
        engine.on(ContainerJobs.LOGS, job -> new ScriptedStream(true).out("x"));
        call(Method.GET, "/containers/{name:.*}/logs", named("c1").param("stderr", "1").param("tail", "all"));
        assertEquals(StreamSessions.RAW_STREAM, resp.contentType());
        assertEquals(-1, engine.input(ContainerJobs.LOGS).tail());
    }

    @Test
    void logsRefuseNoStreamAndBadTimesBeforeAnswering() {
        engine.on(ContainerJobs.LOGS, job -> new ScriptedStream(false));
        InvalidParameterError none = assertThrows(InvalidParameterError.class,
                () -> call(Method.GET, "/containers/{name:.*}/logs", named("c1")));
        assertEquals("Bad parameters: you must choose at least one stream", none.getMessage());
        InvalidParameterError since = assertThrows(InvalidParameterError.class, () -> call(Method.GET,
                "/containers/{name:.*}/logs", named("c1").param("stdout", "1").param("since", "abc")));
        assertEquals("invalid value for \"since\": invalid timestamp \"abc\": invalid seconds \"abc\": invalid syntax",
                since.getMessage());
        assertTrue(engine.inputs().isEmpty());
        assertFalse(resp.committed());
    }

    @Test
    void aLogsFailureAfterTheAnswerGoesInBand() throws Exception {
        engine.on(ContainerJobs.LOGS, job -> new ScriptedStream(false).out("a\n").failing("log file vanished"));
        call(Method.GET, "/containers/{name:.*}/logs", named("c1").param("stdout", "1"));
        byte[] body = resp.bytes();
        assertEquals(new Frame(1, "a\n"), Frame.parse(java.util.Arrays.copyOf(body, 10)).get(0));
        assertEquals("Error grabbing logs: log file vanished\n",
                new String(body, 10, body.length - 10, StandardCharsets.UTF_8));
    }

    // attach

    @Test
    void attachRunsTheJobFirstThenHijacksWithTheMultiplexedTypeWhenUpgrading() throws Exception {
        engine.on(ContainerJobs.ATTACH, job -> new ScriptedStream(false).out("hello\n").err("err\n"));
        call(Method.POST, "/containers/{name:.*}/attach", named("c1").header("Upgrade", "tcp")
                .param("stream", "1").param("stdin", "1").param("stdout", "1").param("stderr", "1")
                .param("detachKeys", "ctrl-x"));

        assertEquals(new AttachContainer("c1", true, true, true, true, false, "ctrl-x"),
                engine.input(ContainerJobs.ATTACH));
        assertTrue(resp.hijacked());
        assertEquals(StreamSessions.MULTIPLEXED_STREAM, resp.contentType());
        byte[] out = resp.runSession("typed\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(new Frame(1, "hello\n"), new Frame(2, "err\n"), new Frame(1, "typed\n")),
                Frame.parse(out));
    }

    @Test
    void attachToATerminalIsRawBothWays() throws Exception {
        engine.on(ContainerJobs.ATTACH, job -> new ScriptedStream(true).out("$ ").err("oops\r\n"));
        call(Method.POST, "/containers/{name:.*}/attach", named("c1").header("Upgrade", "tcp").param("stream", "1"));
        assertEquals(StreamSessions.RAW_STREAM, resp.contentType());
        assertEquals("$ oops\r\nls\r\n", new String(resp.runSession("ls\r\n".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8));
    }

    @Test
    void attachAnswersRawStreamToOldApisAndToClientsThatDoNotUpgrade() throws Exception {
        engine.on(ContainerJobs.ATTACH, job -> new ScriptedStream(false).out("x"));
        call(Method.POST, "/containers/{name:.*}/attach", named("c1").version("1.41").header("Upgrade", "tcp"));
        assertEquals(StreamSessions.RAW_STREAM, resp.contentType());
        assertEquals(List.of(new Frame(1, "x")), Frame.parse(resp.runSession(new byte[0])), "still multiplexed");

        FakeResponse plain = new FakeResponse();
        routes.routes().stream().filter(r -> r.template().endsWith("/attach")).findFirst().orElseThrow().handler()
                .handle(named("c1"), plain);
        assertEquals(StreamSessions.RAW_STREAM, plain.contentType());
    }

    @Test
    void attachToAMissingContainerIsAPlain404() {
        engine.on(ContainerJobs.ATTACH, job -> {
            throw new NotFoundError("No such container: nope");
        });
        assertThrows(NotFoundError.class,
                () -> call(Method.POST, "/containers/{name:.*}/attach", named("nope").header("Upgrade", "tcp")));
        assertFalse(resp.hijacked());
    }

    @Test
    void aStreamFailureAfterTheHijackIsWrittenToStdout() throws Exception {
        engine.on(ContainerJobs.ATTACH, job -> new ScriptedStream(false).failing("conmon went away"));
        call(Method.POST, "/containers/{name:.*}/attach", named("c1").header("Upgrade", "tcp"));
        assertEquals(List.of(new Frame(1, "conmon went away\r\n")), Frame.parse(resp.runSession(new byte[0])));
    }

    // exec

    @Test
    void execCreateAnswers201AndNeedsACommand() throws Exception {
        engine.on(ContainerJobs.EXEC_CREATE, job -> new CreatedExec("e".repeat(64)));
        call(Method.POST, "/containers/{name:.*}/exec", named("c1").body(
                "{\"AttachStdout\":true,\"Tty\":true,\"ConsoleSize\":[30,100],\"Cmd\":[\"echo\",\"x\"]}\n"));
        CreateExec input = engine.input(ContainerJobs.EXEC_CREATE);
        assertEquals("c1", input.container());
        assertEquals(List.of("echo", "x"), input.config().cmd());
        assertTrue(input.config().attachStdout());
        assertEquals(List.of(30, 100), input.config().consoleSize());
        assertEquals(201, resp.status());
        assertEquals("e".repeat(64), resp.json().get("Id").asText());

        InvalidParameterError e = assertThrows(InvalidParameterError.class, () -> routes.routes().stream()
                .filter(r -> r.template().endsWith("/exec")).findFirst().orElseThrow().handler()
                .handle(named("c1").body("{\"Cmd\":[]}"), new FakeResponse()));
        assertEquals("No exec command specified", e.getMessage());
    }

    @Test
    void execCreateDropsTheConsoleSizeBeforeApi142() throws Exception {
        engine.on(ContainerJobs.EXEC_CREATE, job -> new CreatedExec("e1"));
        call(Method.POST, "/containers/{name:.*}/exec",
                named("c1").version("1.41").body("{\"ConsoleSize\":[30,100],\"Cmd\":[\"sh\"]}"));
        assertNull(engine.input(ContainerJobs.EXEC_CREATE).config().consoleSize());
    }

    @Test
    void execStartDetachedAnswers200WithoutHijacking() throws Exception {
        engine.on(ContainerJobs.EXEC_START, job -> new ScriptedStream(false));
        call(Method.POST, "/exec/{id:.*}/start", new FakeRequest().var("id", "e1").body("{\"Detach\":true,\"Tty\":false}\n"));
        assertEquals(new StartExec("e1", true, false), engine.input(ContainerJobs.EXEC_START));
        assertFalse(resp.hijacked());
        assertEquals(200, resp.status());
        assertEquals(0, resp.bytes().length);
    }

    @Test
    void execStartHijacksWithTheStreamsShape() throws Exception {
        engine.on(ContainerJobs.EXEC_START, job -> new ScriptedStream(job.input().tty()).out("exec-out\n"));
        call(Method.POST, "/exec/{id:.*}/start", new FakeRequest().var("id", "e1").header("Upgrade", "tcp")
                .body("{\"Detach\":false,\"Tty\":false}\n"));
        assertEquals(StreamSessions.MULTIPLEXED_STREAM, resp.contentType());
        assertEquals(List.of(new Frame(1, "exec-out\n")), Frame.parse(resp.runSession(new byte[0])));

        FakeResponse tty = new FakeResponse();
        routes.routes().stream().filter(r -> r.template().equals("/exec/{id:.*}/start")).findFirst().orElseThrow()
                .handler().handle(new FakeRequest().var("id", "e2").header("Upgrade", "tcp")
                        .body("{\"Detach\":false,\"Tty\":true}"), tty);
        assertEquals(StreamSessions.RAW_STREAM, tty.contentType());
        assertEquals("exec-out\n", new String(tty.runSession(new byte[0]), StandardCharsets.UTF_8));
    }

    @Test
    void aSecondExecStartIsAPlainConflict() {
        engine.on(ContainerJobs.EXEC_START, job -> {
            throw new ConflictError("Exec command e1 has already run");
        });
        assertThrows(ConflictError.class, () -> call(Method.POST, "/exec/{id:.*}/start",
                new FakeRequest().var("id", "e1").header("Upgrade", "tcp").body("{}")));
        assertFalse(resp.hijacked());
    }

    @Test
    void execResizeAndInspect() throws Exception {
        engine.on(ContainerJobs.EXEC_RESIZE, job -> null);
        engine.on(ContainerJobs.EXEC_INSPECT, job -> new ExecInspect(job.input().id(), false, 0,
                new ExecInspect.ProcessConfig(false, "echo", List.of("x"), false, ""), false, true, true, true,
                ID, "", 0));
        call(Method.POST, "/exec/{id:.*}/resize", new FakeRequest().var("id", "e1").param("h", "31").param("w", "101"));
        assertEquals(new ResizeTerminal("e1", 31, 101), engine.input(ContainerJobs.EXEC_RESIZE));
        assertEquals(200, resp.status());

        FakeResponse inspect = new FakeResponse();
        routes.routes().stream().filter(r -> r.template().equals("/exec/{id:.*}/json")).findFirst().orElseThrow()
                .handler().handle(new FakeRequest().var("id", "e1"), inspect);
        assertEquals(new ExecName("e1"), engine.input(ContainerJobs.EXEC_INSPECT));
        JsonNode body = inspect.json();
        assertEquals(0, body.get("ExitCode").asInt());
        assertEquals(ID, body.get("ContainerID").asText());
    }

    /** One frame of dockerd's multiplexed stream. */
    record Frame(int stream, String payload) {
        static List<Frame> parse(byte[] bytes) {
            List<Frame> frames = new ArrayList<>();
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                int stream = buf.get();
                assertEquals(0, buf.get());
                assertEquals(0, buf.get());
                assertEquals(0, buf.get());
                byte[] payload = new byte[buf.getInt()];
                buf.get(payload);
                frames.add(new Frame(stream, new String(payload, StandardCharsets.UTF_8)));
            }
            return frames;
        }
    }
}
