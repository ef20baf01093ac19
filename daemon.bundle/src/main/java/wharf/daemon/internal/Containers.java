package wharf.daemon.internal;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The container store as the stream and exec jobs see it (the logs, attach and exec jobs): a
 * service inside this bundle, so they need not know how records are kept.
 */
public interface Containers {

    /**
     * The container's current snapshot.
     *
     * @throws wharf.engine.api.NotFoundError {@code No such container: <name>}
     */
    ContainerView get(String name);

    /**
     * Completes when the container's current run ends: at once if it is not running and not
     * about to start; after its next exit if it runs. An attach to a created or stopped
     * container passes {@code nextRun} to wait for the run that its next start begins instead.
     */
    CompletionStage<Void> runEnded(String id, boolean nextRun);

    /** Emits a container event ({@code attach}, {@code exec_create}, …) with the container's attributes and these. */
    void event(String id, String action, Map<String, String> extra);

    /** Records an exec instance in the container's {@code ExecIDs}; false removes it. */
    void exec(String id, String execId, boolean present);
}
