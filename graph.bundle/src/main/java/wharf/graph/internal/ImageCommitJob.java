package wharf.graph.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.image.CommitImage;

/** The {@code image_commit} job: the image half of {@code POST /commit}, run by the container daemon. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=image_commit")
public final class ImageCommitJob implements JobHandler<CommitImage, String> {
    private final ImageStore store;

    @Activate
    public ImageCommitJob(@Reference ImageStore store) {
        this.store = store;
    }

    @Override
    public String handle(Job<CommitImage> job) throws Exception {
        return new Committer(store).commit(job.input());
    }
}
