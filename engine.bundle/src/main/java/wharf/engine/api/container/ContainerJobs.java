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

    /**
     * {@code POST /commit}: a new image from the container's writable layer; returns its ID
     * ({@code sha256:…}). The route answers 201.
     */
    public static final JobType<CommitContainer, String> COMMIT =
            JobType.of("commit", CommitContainer.class, String.class);

    /** {@code POST /containers/{name}/rename}: name rules and conflicts as create's. */
    public static final JobType<RenameContainer, Void> RENAME =
            JobType.of("rename", RenameContainer.class, Void.class);

    /** {@code POST /containers/{name}/update}: resources and restart policy, applied to a running container. */
    public static final JobType<UpdateContainer, UpdatedContainer> UPDATE =
            JobType.of("update", UpdateContainer.class, UpdatedContainer.class);

    /** {@code POST /containers/prune}: removes stopped containers. */
    public static final JobType<PruneContainers, ContainerPruneReport> CONTAINER_PRUNE =
            JobType.of("container_prune", PruneContainers.class, ContainerPruneReport.class);

    /**
     * The containers made from an image, for the image delete's conflicts; when no handler is
     * registered there are none to protect.
     */
    public static final JobType<ImageUsersQuery, ImageUsers> IMAGE_USERS =
            JobType.of("image_users", ImageUsersQuery.class, ImageUsers.class);

    /**
     * {@code GET /containers/{name}/export}: the stream writes a tar of the container's merged
     * root filesystem to its stdout.
     */
    public static final JobType<ContainerName, ContainerStream> EXPORT =
            JobType.of("export", ContainerName.class, ContainerStream.class);

    /** {@code GET /containers/{name}/changes}: the container's filesystem against its image's. */
    public static final JobType<ContainerName, ContainerChanges> CHANGES =
            JobType.of("changes", ContainerName.class, ContainerChanges.class);

    /** {@code GET /containers/{name}/top}; a container that does not run fails with Conflict (409). */
    public static final JobType<TopContainer, ContainerTop> TOP =
            JobType.of("top", TopContainer.class, ContainerTop.class);

    /**
     * {@code GET /containers/{name}/stats}: the stream writes one {@link ContainerStats} JSON line
     * to its stdout, or one a second until cancelled.
     */
    public static final JobType<StatsContainer, ContainerStream> STATS =
            JobType.of("stats", StatsContainer.class, ContainerStream.class);

    /**
     * {@code HEAD /containers/{name}/archive}: the path's stat, without following a last element
     * that is a symlink. A missing path fails with NotFound
     * {@code Could not find the file <path> in container <name>}.
     */
    public static final JobType<ContainerPath, PathStat> ARCHIVE_STAT =
            JobType.of("archive_stat", ContainerPath.class, PathStat.class);

    /**
     * {@code GET /containers/{name}/archive}: a tar of the path to stdout, named as docker cp
     * expects ({@code /etc/passwd} gives {@code passwd}, {@code /etc} gives {@code etc/…},
     * {@code /etc/.} gives {@code ./…}); returns the stat of what it archived. Nothing is written
     * before the path was found, so a missing one is still a plain 404.
     */
    public static final JobType<ContainerPath, PathStat> ARCHIVE =
            JobType.of("archive", ContainerPath.class, PathStat.class);

    /**
     * {@code PUT /containers/{name}/archive}: extracts the tar on stdin under the directory. Entries
     * that would land outside it fail with InvalidParameter; nothing is ever written outside the
     * container's root.
     */
    public static final JobType<ExtractArchive, Void> EXTRACT_TO_DIR =
            JobType.of("extract_to_dir", ExtractArchive.class, Void.class);

    /**
     * The seed's {@code POST /containers/{name}/copy} (API below 1.24): a tar of the resource to
     * stdout, links followed; a directory gives its contents without a top entry.
     */
    public static final JobType<ContainerPath, Void> COPY = JobType.of("copy", ContainerPath.class, Void.class);
}
