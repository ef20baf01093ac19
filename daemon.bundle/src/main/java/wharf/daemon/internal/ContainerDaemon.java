package wharf.daemon.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.Filters;
import wharf.engine.api.container.ContainerPruneReport;
import wharf.engine.api.container.CreateContainer;
import wharf.engine.api.container.CreatedContainer;
import wharf.engine.api.container.HostConfig;
import wharf.engine.api.container.ImageUsers;
import wharf.engine.api.container.PendingExit;
import wharf.engine.api.container.UpdateContainer;
import wharf.engine.api.container.WaitContainer;
import wharf.engine.api.event.EventBus;
import wharf.engine.api.image.ImageRootfs;
import wharf.engine.api.system.ContainerCounts;
import wharf.runtime.api.ContainerRuntime;

/**
 * The containers of this daemon, as the container jobs use them: one component that puts the
 * pieces together — the store ({@link ContainerStore}), create ({@link ContainerCreation}), the
 * lifecycle jobs ({@link Lifecycle}) with exit watching and restart policies ({@link ExitWatch}),
 * removal ({@link Removal}), rename, update and prune ({@link ContainerEdits}) and the restore at
 * activation ({@link Restore}). Containers outlive this component: deactivation only stops
 * watching them, and activation finds them again.
 */
@Component(service = {Containers.class, ContainerDaemon.class}, immediate = true)
public final class ContainerDaemon implements Containers {
    /** Framework property the launcher sets from {@code --data-root}. */
    static final String DATA_ROOT = "wharf.data.root";
    static final String DEFAULT_DATA_ROOT = "/var/lib/wharf";

    private final ContainerStore store;
    private final ContainerEvents events;
    private final Background background = new Background();
    private final ContainerCreation creation;
    private final Removal removal;
    private final Lifecycle lifecycle;
    private final ContainerEdits edits;

    @Activate
    public ContainerDaemon(BundleContext context, @Reference ContainerRuntime runtime, @Reference EventBus bus)
            throws IOException {
        this(dataRoot(context).resolve("containers"), runtime, bus);
    }

    ContainerDaemon(Path root, ContainerRuntime runtime, EventBus bus) throws IOException {
        this.store = new ContainerStore(root);
        this.events = new ContainerEvents(bus);
        this.creation = new ContainerCreation(store, runtime, events);
        ContainerSignals signals = new ContainerSignals(store, runtime, events);
        this.removal = new Removal(store, runtime, events, signals);
        this.lifecycle = new Lifecycle(store, runtime, events, background, signals, removal);
        this.edits = new ContainerEdits(store, runtime, events, removal);
        new Restore(store, runtime, background, lifecycle, removal).run();
    }

    private static Path dataRoot(BundleContext context) {
        String root = context.getProperty(DATA_ROOT);
        return Path.of(root == null || root.isBlank() ? DEFAULT_DATA_ROOT : root);
    }

    /** Stops watching; the containers keep running. */
    @Deactivate
    public void close() {
        background.close();
    }

    // ---- the Containers service ----------------------------------------------------------------

    @Override
    public ContainerView get(String name) {
        ContainerRecord r = lookup(name).record();
        return new ContainerView(r.id(), r.bareName(), r.config(), r.hostConfig(), r.status(), r.log());
    }

    @Override
    public CompletionStage<Void> runEnded(String id, boolean nextRun) {
        return lifecycle.runEnded(id, nextRun);
    }

    @Override
    public void event(String id, String action, Map<String, String> extra) {
        events.publish(lookup(id).record(), action, extra);
    }

    @Override
    public void exec(String id, String execId, boolean present) {
        lookup(id).exec(execId, present);
    }

    // ---- the jobs' operations, each done by its piece ------------------------------------------

    Container lookup(String name) {
        return store.lookup(name);
    }

    List<ContainerRecord> records() {
        return store.records();
    }

    List<String> execIds(String id) {
        return store.execIds(id);
    }

    Path dir(String id) {
        return store.dir(id);
    }

    ContainerCounts counts() {
        return store.counts();
    }

    ImageUsers imageUsers(String imageId) {
        return store.imageUsers(imageId);
    }

    static HostConfig checkHostConfig(CreateContainer request) {
        return ContainerCreation.checkHostConfig(request);
    }

    CreatedContainer create(CreateContainer request, ImageRootfs image) {
        return creation.create(request, image);
    }

    void start(String name) {
        lifecycle.start(name);
    }

    void stop(String name, String signal, Integer timeout) {
        lifecycle.stop(name, signal, timeout);
    }

    void kill(String name, String signal) {
        lifecycle.kill(name, signal);
    }

    void restart(String name, String signal, Integer timeout) {
        lifecycle.restart(name, signal, timeout);
    }

    void pause(String name, boolean pause) {
        lifecycle.pause(name, pause);
    }

    void resize(String name, int height, int width) {
        lifecycle.resize(name, height, width);
    }

    PendingExit await(String name, WaitContainer.Condition condition) {
        return lifecycle.await(name, condition);
    }

    void remove(String name, boolean force, boolean link) {
        removal.remove(name, force, link);
    }

    void rename(String name, String newName) {
        edits.rename(name, newName);
    }

    void update(String name, UpdateContainer.Resources update) {
        edits.update(name, update);
    }

    ContainerPruneReport prune(Filters filters) {
        return edits.prune(filters);
    }

    static boolean prunable(Filters f, Map<String, String> labels) {
        return ContainerEdits.prunable(f, labels);
    }
}
