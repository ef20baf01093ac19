package wharf.graph.internal;

import wharf.engine.api.image.LoadImages;
import wharf.engine.api.image.LoadedImages;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;

/** The {@code load} job: {@code POST /images/load}, the archive on stdin. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=load")
public final class LoadJob implements JobHandler<LoadImages, LoadedImages> {
    private final ImageStore store;

    @Activate
    public LoadJob(@Reference ImageStore store) {
        this.store = store;
    }

    @Override
    public LoadedImages handle(Job<LoadImages> job) throws Exception {
        LoadImages in = job.input();
        return new ArchiveLoader(store).load(job.io().stdin(), in.quiet(), in.progress());
    }
}
