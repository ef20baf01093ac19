package wharf.graph.internal;

import wharf.engine.api.image.SaveImages;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;

/** The {@code image_save} job: {@code GET /images/get}, the archive to stdout. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=image_save")
public final class ImageSaveJob implements JobHandler<SaveImages, Void> {
    private final ImageStore store;

    @Activate
    public ImageSaveJob(@Reference ImageStore store) {
        this.store = store;
    }

    @Override
    public Void handle(Job<SaveImages> job) throws Exception {
        ArchiveSaver saver = new ArchiveSaver(store);
        // every name is resolved before the first byte goes out: a missing image is a clean 404
        ArchiveSaver.Selection selection = saver.select(job.input().names());
        saver.write(selection, job.io().stdout());
        return null;
    }
}
