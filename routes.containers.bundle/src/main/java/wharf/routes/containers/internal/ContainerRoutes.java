package wharf.routes.containers.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Cancellation;
import wharf.engine.api.Engine;
import wharf.engine.api.Filters;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.JobIO;
import wharf.engine.api.container.AttachContainer;
import wharf.engine.api.container.ContainerJobs;
import wharf.engine.api.container.ContainerLogs;
import wharf.engine.api.container.ContainerName;
import wharf.engine.api.container.ContainerStream;
import wharf.engine.api.container.CreateExec;
import wharf.engine.api.container.ExecConfig;
import wharf.engine.api.container.ExecName;
import wharf.engine.api.container.InspectContainer;
import wharf.engine.api.container.KillContainer;
import wharf.engine.api.container.ListContainers;
import wharf.engine.api.container.PendingExit;
import wharf.engine.api.container.PruneContainers;
import wharf.engine.api.container.RemoveContainer;
import wharf.engine.api.container.RenameContainer;
import wharf.engine.api.container.ResizeTerminal;
import wharf.engine.api.container.StartExec;
import wharf.engine.api.container.StopContainer;
import wharf.engine.api.container.UpdateContainer;
import wharf.engine.api.container.WaitContainer;
import wharf.engine.api.container.WaitResult;
import wharf.server.api.ApiRequest;
import wharf.server.api.ApiResponse;
import wharf.server.api.ApiVersion;
import wharf.server.api.Route;
import wharf.server.api.RouteGroup;
import wharf.server.api.RouteGroupName;

/**
 * The container and exec routes (moby's {@code router/container}): each handler parses the
 * request, runs one container job and writes its answer. Logs, attach and exec start get an open
 * {@link ContainerStream} from their job, answer (or hijack) and then run it through
 * {@link StreamSessions}.
 */
@Component(service = RouteGroup.class)
@RouteGroupName("containers")
public final class ContainerRoutes implements RouteGroup {
    /** Wait flushes its headers at once from API 1.30 on; before, the answer came whole on exit. */
    private static final ApiVersion V1_30 = new ApiVersion(1, 30);
    /** Stop and restart take a {@code signal} from API 1.42 on. */
    private static final ApiVersion V1_42 = new ApiVersion(1, 42);
    /** Start with a body (the old HostConfig) was removed in API 1.24. */
    private static final ApiVersion V1_24 = new ApiVersion(1, 24);
    /** A JSON object is at least 7 bytes, so shorter bodies ({@code {}}, {@code null}) pass (moby). */
    private static final long LONGEST_EMPTY_START_BODY = 7;
    /** A body of unknown length. */
    private static final long CHUNKED = -1;

    private final Engine engine;
    private final InspectionRoutes inspection;
    private final ArchiveRoutes archives;

    @Activate
    public ContainerRoutes(@Reference Engine engine) {
        this.engine = engine;
        this.inspection = new InspectionRoutes(engine);
        this.archives = new ArchiveRoutes(engine);
    }

    @Override
    public List<Route> routes() {
        return List.of(
                // GET
                Route.get("/containers/json", this::list),
                Route.get("/containers/{name:.*}/json", this::inspect),
                Route.get("/containers/{name:.*}/logs", this::logs),
                Route.get("/containers/{name:.*}/export", inspection::export),
                Route.get("/containers/{name:.*}/changes", inspection::changes),
                Route.get("/containers/{name:.*}/top", inspection::top),
                Route.get("/containers/{name:.*}/stats", inspection::stats),
                Route.get("/containers/{name:.*}/archive", archives::get),
                Route.get("/exec/{id:.*}/json", this::execInspect),
                // HEAD
                Route.head("/containers/{name:.*}/archive", archives::head),
                // POST
                Route.post("/containers/create", this::create),
                Route.post("/containers/prune", this::prune),
                Route.post("/containers/{name:.*}/kill", this::kill),
                Route.post("/containers/{name:.*}/pause", this::pause),
                Route.post("/containers/{name:.*}/unpause", this::unpause),
                Route.post("/containers/{name:.*}/restart", this::restart),
                Route.post("/containers/{name:.*}/start", this::start),
                Route.post("/containers/{name:.*}/stop", this::stop),
                Route.post("/containers/{name:.*}/wait", this::await),
                Route.post("/containers/{name:.*}/resize", this::resize),
                Route.post("/containers/{name:.*}/rename", this::rename),
                Route.post("/containers/{name:.*}/update", this::update),
                Route.post("/containers/{name:.*}/attach", this::attach),
                Route.post("/containers/{name:.*}/exec", this::execCreate),
                Route.post("/containers/{name:.*}/copy", archives::copy).until("1.24"),
                Route.post("/exec/{id:.*}/start", this::execStart),
                Route.post("/exec/{id:.*}/resize", this::execResize),
                // PUT
                Route.put("/containers/{name:.*}/archive", archives::put),
                // DELETE
                Route.delete("/containers/{name:.*}", this::remove));
    }

    private void list(ApiRequest req, ApiResponse resp) throws IOException {
        Filters filters = req.filters();
        // the before/since parameters of old clients are the filters of the same names
        filters = withLegacy(filters, "before", req.query("before", ""));
        filters = withLegacy(filters, "since", req.query("since", ""));
        resp.json(engine.run(ContainerJobs.CONTAINERS,
                new ListContainers(req.bool("all"), (int) req.integer("limit", 0), req.bool("size"), filters)));
    }

    private void inspect(ApiRequest req, ApiResponse resp) throws IOException {
        resp.json(engine.run(ContainerJobs.CONTAINER_INSPECT, new InspectContainer(req.var("name"), req.bool("size"))));
    }

    private void logs(ApiRequest req, ApiResponse resp) throws IOException {
        boolean stdout = req.bool("stdout");
        boolean stderr = req.bool("stderr");
        // checked before the stream starts: once the 200 is out, errors can only go in-band
        if (!stdout && !stderr) {
            throw new InvalidParameterError("Bad parameters: you must choose at least one stream");
        }
        long since = UnixTime.nanos("since", req.query("since", ""));
        long until = UnixTime.nanos("until", req.query("until", ""));
        ContainerLogs options = new ContainerLogs(req.var("name"), stdout, stderr, req.bool("follow"), since, until,
                req.bool("timestamps"), tail(req.query("tail", "")));
        ContainerStream stream = engine.run(ContainerJobs.LOGS, options, JobIO.of(req.cancellation()));
        StreamSessions.logs(req, resp, stream, "logs of " + options.name());
    }

    private void execInspect(ApiRequest req, ApiResponse resp) throws IOException {
        resp.json(engine.run(ContainerJobs.EXEC_INSPECT, new ExecName(req.var("id"))));
    }

    private void create(ApiRequest req, ApiResponse resp) throws IOException {
        resp.json(201, engine.run(ContainerJobs.CREATE, CreateBody.parse(req)));
    }

    private void prune(ApiRequest req, ApiResponse resp) throws IOException {
        resp.json(engine.run(ContainerJobs.CONTAINER_PRUNE, new PruneContainers(req.filters())));
    }

    private void rename(ApiRequest req, ApiResponse resp) {
        engine.run(ContainerJobs.RENAME, new RenameContainer(req.var("name"), req.query("name", "")));
        resp.status(204);
    }

    private void update(ApiRequest req, ApiResponse resp) throws IOException {
        UpdateContainer.Resources body = req.json(UpdateContainer.Resources.class);
        resp.json(engine.run(ContainerJobs.UPDATE, new UpdateContainer(req.var("name"),
                body == null ? UpdateContainer.Resources.none() : body)));
    }

    private void kill(ApiRequest req, ApiResponse resp) {
        engine.run(ContainerJobs.KILL, new KillContainer(req.var("name"), req.query("signal", "")));
        resp.status(204);
    }

    private void pause(ApiRequest req, ApiResponse resp) {
        engine.run(ContainerJobs.PAUSE, new ContainerName(req.var("name")));
        resp.status(204);
    }

    private void unpause(ApiRequest req, ApiResponse resp) {
        engine.run(ContainerJobs.UNPAUSE, new ContainerName(req.var("name")));
        resp.status(204);
    }

    private void restart(ApiRequest req, ApiResponse resp) {
        engine.run(ContainerJobs.RESTART, stopOptions(req));
        resp.status(204);
    }

    /** A running container fails the job with NotModified, which the server answers 304. */
    private void start(ApiRequest req, ApiResponse resp) {
        long length = startBodyLength(req);
        if (req.version().isAtLeast(V1_24) && (length > LONGEST_EMPTY_START_BODY || length == CHUNKED)) {
            throw new InvalidParameterError("starting container with non-empty request body was deprecated since "
                    + "API v1.22 and removed in v1.24");
        }
        engine.run(ContainerJobs.START, new ContainerName(req.var("name")));
        resp.status(204);
    }

    private void stop(ApiRequest req, ApiResponse resp) {
        engine.run(ContainerJobs.STOP, stopOptions(req));
        resp.status(204);
    }

    /**
     * The job runs first, so a missing container is a plain 404; then the headers go out at once
     * (the CLI sends start only after they arrived) and the result follows on exit. A client that
     * leaves stops the waiting, not the container's exit.
     */
    private void await(ApiRequest req, ApiResponse resp) throws IOException {
        PendingExit pending = engine.run(ContainerJobs.WAIT,
                new WaitContainer(req.var("name"), WaitContainer.Condition.parse(req.query("condition", ""))),
                JobIO.of(req.cancellation()));
        if (req.version().isBefore(V1_30)) {
            WaitResult result = exitOf(pending, req.cancellation());
            if (result != null) {
                resp.json(result);
            }
            return;
        }
        OutputStream out = resp.stream("application/json");
        WaitResult result = exitOf(pending, req.cancellation());
        if (result != null) {
            out.write(Json.line(result));
        }
    }

    private void resize(ApiRequest req, ApiResponse resp) {
        engine.run(ContainerJobs.RESIZE, terminalSize(req, req.var("name")));
        // dockerd answers 200 with an empty body
        resp.status(200);
    }

    private void attach(ApiRequest req, ApiResponse resp) throws IOException {
        AttachContainer options = new AttachContainer(req.var("name"), req.bool("stdin"), req.bool("stdout"),
                req.bool("stderr"), req.bool("stream"), req.bool("logs"), req.query("detachKeys", ""));
        ContainerStream stream = engine.run(ContainerJobs.ATTACH, options, JobIO.of(req.cancellation()));
        StreamSessions.hijack(req, resp, stream, "attach to " + options.name());
    }

    private void execCreate(ApiRequest req, ApiResponse resp) throws IOException {
        ExecConfig config = req.json(ExecConfig.class);
        if (config == null || config.cmd().isEmpty()) {
            throw new InvalidParameterError("No exec command specified");
        }
        if (req.version().isBefore(V1_42) && config.consoleSize() != null) {
            // the console size of an exec came with API 1.42
            config = new ExecConfig(config.user(), config.privileged(), config.tty(), null, config.attachStdin(),
                    config.attachStderr(), config.attachStdout(), config.detach(), config.detachKeys(), config.env(),
                    config.workingDir(), config.cmd());
        }
        resp.json(201, engine.run(ContainerJobs.EXEC_CREATE, new CreateExec(req.var("name"), config)));
    }

    /** Detached: the process starts and the answer is an empty 200, no hijack (as dockerd). */
    private void execStart(ApiRequest req, ApiResponse resp) throws IOException {
        ExecStartBody body = req.json(ExecStartBody.class);
        boolean detach = body != null && body.detach();
        boolean tty = body != null && body.tty();
        ContainerStream stream = engine.run(ContainerJobs.EXEC_START, new StartExec(req.var("id"), detach, tty),
                JobIO.of(req.cancellation()));
        if (detach) {
            stream.run(java.io.InputStream.nullInputStream(), OutputStream.nullOutputStream(),
                    OutputStream.nullOutputStream(), req.cancellation());
            resp.status(200);
            return;
        }
        StreamSessions.hijack(req, resp, stream, "exec " + req.var("id"));
    }

    private void execResize(ApiRequest req, ApiResponse resp) {
        engine.run(ContainerJobs.EXEC_RESIZE, terminalSize(req, req.var("id")));
        resp.status(200);
    }

    private void remove(ApiRequest req, ApiResponse resp) {
        engine.run(ContainerJobs.RM,
                new RemoveContainer(req.var("name"), req.bool("force"), req.bool("v"), req.bool("link")));
        resp.status(204);
    }

    private static StopContainer stopOptions(ApiRequest req) {
        String signal = req.version().isAtLeast(V1_42) ? req.query("signal").filter(s -> !s.isEmpty()).orElse(null)
                : null;
        String t = req.query("t", "");
        Integer timeout = t.isEmpty() ? null : atoi(t);
        return new StopContainer(req.var("name"), signal, timeout);
    }

    private static ResizeTerminal terminalSize(ApiRequest req, String name) {
        int height = atoi(req.query("h", ""));
        int width = atoi(req.query("w", ""));
        return new ResizeTerminal(name, height, width);
    }

    /** moby's logs: a number of lines, anything else ({@code all} included) means every line. */
    static int tail(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Go's {@code strconv.Atoi}, with its message, as a client error. */
    static int atoi(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            String reason = value.matches("[+-]?\\d+") ? "value out of range" : "invalid syntax";
            throw new InvalidParameterError("strconv.Atoi: parsing \"" + value + "\": " + reason, e);
        }
    }

    /** The body's length, -1 when it is chunked (moby's {@code r.ContentLength}). */
    private static long startBodyLength(ApiRequest req) {
        if (req.header("Transfer-Encoding") != null) {
            return CHUNKED;
        }
        String length = req.header("Content-Length");
        try {
            return length == null ? 0 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The exit once it comes, or null when the client left first. */
    private static WaitResult exitOf(PendingExit pending, Cancellation cancellation) throws IOException {
        // a future of our own: cancelling it must not cancel the engine's, which other waiters share
        CompletableFuture<WaitResult> mine = new CompletableFuture<>();
        pending.result().whenComplete((result, failure) -> {
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(result);
            }
        });
        try (var ignored = cancellation.onCancel(() -> mine.cancel(false))) {
            return mine.get();
        } catch (CancellationException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return new WaitResult(new WaitResult.Error(message), -1);
        }
    }

    private static Filters withLegacy(Filters filters, String key, String value) {
        if (value.isEmpty() || filters.contains(key)) {
            return filters;
        }
        Map<String, Set<String>> values = new LinkedHashMap<>(filters.asMap());
        values.put(key, Set.of(value));
        return Filters.of(values);
    }
}
