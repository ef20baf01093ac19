package wharf.engine.api.container;

import wharf.engine.api.JobType;

/**
 * The container and exec jobs: daemon.bundle handles them, routes.containers runs them. Names are
 * the seed's where it had them ({@code create}, {@code start}, {@code stop}, {@code kill},
 * {@code restart}, {@code wait}, {@code rm}, {@code containers}, {@code logs}, {@code attach},
 * {@code resize}, …). A container is named by its ID, a unique ID prefix or its name (with or
 * without the leading {@code /}); an unknown one fails with {@link wharf.engine.api.NotFoundError}
 * {@code No such container: <name>}, an unknown exec with {@code No such exec instance: <id>}.
 */
public final class ContainerJobs {
    private ContainerJobs() {
    }

    /** {@code POST /containers/create}; the route answers 201. */
    public static final JobType<CreateContainer, CreatedContainer> CREATE =
            JobType.of("create", CreateContainer.class, CreatedContainer.class);

    /** {@code POST /containers/{name}/start}; a running container fails with NotModified (304). */
    public static final JobType<ContainerName, Void> START = JobType.of("start", ContainerName.class, Void.class);

    /** {@code POST /containers/{name}/stop}; a stopped container fails with NotModified (304). */
    public static final JobType<StopContainer, Void> STOP = JobType.of("stop", StopContainer.class, Void.class);

    /** {@code POST /containers/{name}/restart}. */
    public static final JobType<StopContainer, Void> RESTART =
            JobType.of("restart", StopContainer.class, Void.class);

    /** {@code POST /containers/{name}/kill}; a container that does not run fails with Conflict (409). */
    public static final JobType<KillContainer, Void> KILL = JobType.of("kill", KillContainer.class, Void.class);

    /** {@code POST /containers/{name}/pause}. */
    public static final JobType<ContainerName, Void> PAUSE = JobType.of("pause", ContainerName.class, Void.class);

    /** {@code POST /containers/{name}/unpause}. */
    public static final JobType<ContainerName, Void> UNPAUSE =
            JobType.of("unpause", ContainerName.class, Void.class);

    /**
     * {@code POST /containers/{name}/wait}: checks the container at once (so a missing one is a
     * plain 404) and hands back the exit still to come.
     */
    public static final JobType<WaitContainer, PendingExit> WAIT =
            JobType.of("wait", WaitContainer.class, PendingExit.class);

    /** {@code DELETE /containers/{name}}; a running container without force fails with Conflict. */
    public static final JobType<RemoveContainer, Void> RM = JobType.of("rm", RemoveContainer.class, Void.class);

    /** {@code GET /containers/json}. */
    public static final JobType<ListContainers, ContainerSummaries> CONTAINERS =
            JobType.of("containers", ListContainers.class, ContainerSummaries.class);

    /** {@code GET /containers/{name}/json}. */
    public static final JobType<InspectContainer, ContainerInspect> CONTAINER_INSPECT =
            JobType.of("container_inspect", InspectContainer.class, ContainerInspect.class);

    /** {@code GET /containers/{name}/logs}: the options are checked, then the stream is handed back. */
    public static final JobType<ContainerLogs, ContainerStream> LOGS =
            JobType.of("logs", ContainerLogs.class, ContainerStream.class);

    /** {@code POST /containers/{name}/attach}: the stream to run on the hijacked connection. */
    public static final JobType<AttachContainer, ContainerStream> ATTACH =
            JobType.of("attach", AttachContainer.class, ContainerStream.class);

    /** {@code POST /containers/{name}/resize}; a container that does not run fails with Conflict. */
    public static final JobType<ResizeTerminal, Void> RESIZE =
            JobType.of("resize", ResizeTerminal.class, Void.class);

    /** {@code POST /containers/{name}/exec}; the route answers 201. */
    public static final JobType<CreateExec, CreatedExec> EXEC_CREATE =
            JobType.of("exec_create", CreateExec.class, CreatedExec.class);

    /**
     * {@code POST /exec/{id}/start}: starts the process and hands back its stream (one that ends at
     * once when detached). A second start fails with Conflict.
     */
    public static final JobType<StartExec, ContainerStream> EXEC_START =
            JobType.of("exec_start", StartExec.class, ContainerStream.class);

    /** {@code POST /exec/{id}/resize}. */
    public static final JobType<ResizeTerminal, Void> EXEC_RESIZE =
            JobType.of("exec_resize", ResizeTerminal.class, Void.class);

    /** {@code GET /exec/{id}/json}. */
    public static final JobType<ExecName, ExecInspect> EXEC_INSPECT =
            JobType.of("exec_inspect", ExecName.class, ExecInspect.class);
}
