package wharf.graph.internal;

import wharf.engine.api.image.ImportImage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;

/** The {@code import} job: {@code POST /images/create?fromSrc=…}. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=import")
public final class ImportJob implements JobHandler<ImportImage, String> {
    private final ImageStore store;

    @Activate
    public ImportJob(@Reference ImageStore store) {
        this.store = store;
    }

    @Override
    public String handle(Job<ImportImage> job) throws Exception {
        return new Importer(store).importImage(job.input(), job.io().stdin());
    }
}
