package wharf.daemon.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import wharf.engine.api.ConflictError;
import wharf.engine.api.Engine;
import wharf.engine.api.Job;
import wharf.engine.api.JobError;
import wharf.engine.api.JobHandler;
import wharf.engine.api.SystemError;
import wharf.engine.api.container.CommitContainer;
import wharf.engine.api.image.CommitImage;
import wharf.engine.api.image.ContainerConfig;
import wharf.engine.api.image.ImageJobs;
import wharf.runtime.api.ContainerRuntime;

/**
 * The {@code commit} job, as moby's {@code CreateImageFromContainer}: a running container is
 * paused (when asked) while the image store reads its writable layer, and the container says
 * {@code commit} with the new image's ID and reference.
 */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=commit")
public final class CommitJob implements JobHandler<CommitContainer, String> {
    private final ContainerDaemon daemon;
    private final ContainerRuntime runtime;
    private final Engine engine;

    @Activate
    public CommitJob(@Reference ContainerDaemon daemon, @Reference ContainerRuntime runtime,
            @Reference Engine engine) {
        this.daemon = daemon;
        this.runtime = runtime;
        this.engine = engine;
    }

    @Override
    public String handle(Job<CommitContainer> job) {
        CommitContainer in = job.input();
        Container c = daemon.lookup(in.container());
        ContainerRecord r = c.record();
        if (r.status().equals("dead")) {
            throw new ConflictError("You cannot commit container " + r.id() + " which is Dead");
        }
        if (c.removing) {
            throw new ConflictError("You cannot commit container " + r.id() + " which is being removed");
        }
        boolean paused = in.pause() && r.status().equals("running") && pause(r.id(), true);
        String imageId;
        try {
            Path layer = runtime.writableLayer(r.id()).orElseThrow(() -> new SystemError("cannot commit container "
                    + r.id() + ": its root filesystem is a copy, without a writable layer of its own"));
            // a config sent with the request is filled in from the container's, as moby's commit merge does
            ContainerConfig base = in.config() == null ? null : ContainerSetup.merge(in.config(), r.config());
            imageId = engine.run(ImageJobs.IMAGE_COMMIT, new CommitImage(layer, InitLayer.paths(), r.imageId(), r.id(),
                    r.config(), base, in.author(), in.comment(), in.changes(), in.repo(), in.tag()));
        } finally {
            if (paused) {
                pause(r.id(), false);
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("comment", in.comment());
        attributes.put("imageID", imageId);
        attributes.put("imageRef", imageRef(in.repo(), in.tag()));
        daemon.event(r.id(), "commit", attributes);
        return imageId;
    }

    /** dockerd ignores a pause or unpause that fails (the container stopped meanwhile). */
    private boolean pause(String id, boolean pause) {
        try {
            daemon.pause(id, pause);
            return true;
        } catch (JobError e) {
            return false;
        }
    }

    /** The familiar reference the image was tagged with, as dockerd's {@code TagImage} returns it. */
    private static String imageRef(String repo, String tag) {
        if (repo.isEmpty()) {
            return "";
        }
        wharf.engine.api.image.Reference ref = wharf.engine.api.image.Reference.parse(repo);
        return (tag.isEmpty() ? ref.withDefaultTag() : ref.withTag(tag)).familiar();
    }
}
