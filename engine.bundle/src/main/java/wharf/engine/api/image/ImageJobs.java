package wharf.engine.api.image;

import wharf.engine.api.JobType;

/**
 * The image jobs: graph.bundle handles them, routes.images runs them. Names are the seed's
 * where it had them ({@code images}, {@code tag}, {@code load}, {@code import}, {@code pull},
 * {@code push}, {@code search}, {@code auth}). Image lookups fail with
 * {@link wharf.engine.api.NotFoundError} {@code No such image: <familiar ref>}; malformed names
 * with {@link wharf.engine.api.InvalidParameterError} and the reference grammar's message.
 */
public final class ImageJobs {
    private ImageJobs() {
    }

    /** {@code GET /images/json}. */
    public static final JobType<ListImages, ImageSummaries> IMAGES =
            JobType.of("images", ListImages.class, ImageSummaries.class);

    /** {@code GET /images/{name}/json}. */
    public static final JobType<ImageName, ImageInspect> IMAGE_INSPECT =
            JobType.of("image_inspect", ImageName.class, ImageInspect.class);

    /** A container's view of an image: its config and its layer dirs (create runs it). */
    public static final JobType<ImageName, ImageRootfs> IMAGE_ROOTFS =
            JobType.of("image_rootfs", ImageName.class, ImageRootfs.class);

    /** {@code GET /images/{name}/history}. */
    public static final JobType<ImageName, ImageHistory> IMAGE_HISTORY =
            JobType.of("image_history", ImageName.class, ImageHistory.class);

    /** {@code POST /images/{name}/tag}; the route answers 201. */
    public static final JobType<TagImage, Void> TAG = JobType.of("tag", TagImage.class, Void.class);

    /** {@code DELETE /images/{name}}. */
    public static final JobType<DeleteImage, DeleteItems> IMAGE_DELETE =
            JobType.of("image_delete", DeleteImage.class, DeleteItems.class);

    /** {@code POST /images/prune}. */
    public static final JobType<PruneImages, PruneReport> IMAGE_PRUNE =
            JobType.of("image_prune", PruneImages.class, PruneReport.class);

    /** {@code POST /images/load}: the archive on stdin, progress to the input's sink. */
    public static final JobType<LoadImages, LoadedImages> LOAD =
            JobType.of("load", LoadImages.class, LoadedImages.class);

    /** {@code GET /images/get}: a docker-archive to stdout. */
    public static final JobType<SaveImages, Void> IMAGE_SAVE =
            JobType.of("image_save", SaveImages.class, Void.class);

    /** {@code POST /images/create?fromSrc=…}: returns the new image's ID ({@code sha256:…}). */
    public static final JobType<ImportImage, String> IMPORT =
            JobType.of("import", ImportImage.class, String.class);

    /** {@code POST /images/create?fromImage=…}: progress only. */
    public static final JobType<PullImage, Void> PULL = JobType.of("pull", PullImage.class, Void.class);

    /** {@code POST /images/{name}/push}: progress only. */
    public static final JobType<PushImage, Void> PUSH = JobType.of("push", PushImage.class, Void.class);

    /** {@code GET /images/search}. */
    public static final JobType<SearchImages, SearchResults> SEARCH =
            JobType.of("search", SearchImages.class, SearchResults.class);

    /** {@code POST /auth}: checks the credentials against the registry they name. */
    public static final JobType<AuthConfig, AuthResult> AUTH = JobType.of("auth", AuthConfig.class, AuthResult.class);

    /**
     * The image half of {@code POST /commit}: a container's writable layer becomes a new image
     * over the container's image; returns the new image's ID ({@code sha256:…}).
     */
    public static final JobType<CommitImage, String> IMAGE_COMMIT =
            JobType.of("image_commit", CommitImage.class, String.class);

    /** The bytes of every layer the store holds, as {@code /system/df}'s {@code LayersSize}. */
    public static final JobType<Void, Long> LAYERS_SIZE = JobType.of("layers_size", Void.class, Long.class);
}
