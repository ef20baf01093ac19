package wharf.engine.api.system;

import wharf.engine.api.JobType;

/** The job types of the daemon itself. */
public final class SystemJobs {
    private SystemJobs() {
    }

    /** Opens a listener per address; returns when all are up, fails with the first error. */
    public static final JobType<ServeApi, Listening> SERVE_API = JobType.of("serveapi", ServeApi.class, Listening.class);

    /** Opens the activation gate: requests held since the listeners opened now proceed. */
    public static final JobType<Void, Void> ACCEPT_CONNECTIONS = JobType.of("acceptconnections", Void.class, Void.class);

    /** Container figures for {@code /info}; answered by the container backend once it exists. */
    public static final JobType<Void, ContainerCounts> CONTAINER_COUNTS =
            JobType.of("container_counts", Void.class, ContainerCounts.class);

    /** The number of images for {@code /info}; answered by the image backend once it exists. */
    public static final JobType<Void, Integer> IMAGE_COUNT = JobType.of("image_count", Void.class, Integer.class);
}
