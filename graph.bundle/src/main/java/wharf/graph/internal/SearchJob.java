package wharf.graph.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.image.SearchImages;
import wharf.engine.api.image.SearchResults;

/** The {@code search} job: {@code GET /images/search}, Docker Hub's or the registry the term names. */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=search")
public final class SearchJob implements JobHandler<SearchImages, SearchResults> {
    private final Registries registries;

    @Activate
    public SearchJob(@Reference Registries registries) {
        this.registries = registries;
    }

    @Override
    public SearchResults handle(Job<SearchImages> job) throws Exception {
        SearchImages in = job.input();
        return registries.client().search(in.term(), in.limit(), in.filters(), in.auth(), job.cancellation());
    }
}
