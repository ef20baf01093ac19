package wharf.routes.images.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import wharf.engine.api.Engine;
import wharf.engine.api.Filters;
import wharf.engine.api.ForbiddenError;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.container.CommitContainer;
import wharf.engine.api.container.ContainerJobs;
import wharf.engine.api.image.AuthConfig;
import wharf.engine.api.image.ContainerConfig;
import wharf.engine.api.image.DeleteImage;
import wharf.engine.api.image.ImageInspect;
import wharf.engine.api.image.ImageJobs;
import wharf.engine.api.image.ImageName;
import wharf.engine.api.image.ImageSummaries;
import wharf.engine.api.image.ImportImage;
import wharf.engine.api.image.ListImages;
import wharf.engine.api.image.LoadImages;
import wharf.engine.api.image.PruneImages;
import wharf.engine.api.image.PullImage;
import wharf.engine.api.image.PushImage;
import wharf.engine.api.image.Reference;
import wharf.engine.api.image.SaveImages;
import wharf.engine.api.image.SearchImages;
import wharf.engine.api.image.TagImage;
import wharf.server.api.ApiRequest;
import wharf.server.api.ApiResponse;
import wharf.server.api.ApiVersion;
import wharf.server.api.Route;
import wharf.server.api.RouteGroup;
import wharf.server.api.RouteGroupName;

/**
 * The image routes (moby's {@code router/image}): each handler parses the request, runs one
 * image job and writes its answer. The streaming ones (pull, push, import, load, save) go
 * through {@link JobStreams}, which keeps the 200 back until the job produces something.
 */
@Component(service = RouteGroup.class)
@RouteGroupName("images")
public final class ImageRoutes implements RouteGroup {
    private static final ApiVersion V1_25 = new ApiVersion(1, 25);
    private static final ApiVersion V1_32 = new ApiVersion(1, 32);
    private static final ApiVersion V1_42 = new ApiVersion(1, 42);
    private static final ApiVersion V1_43 = new ApiVersion(1, 43);
    private static final ApiVersion V1_44 = new ApiVersion(1, 44);
    private static final ApiVersion V1_45 = new ApiVersion(1, 45);
    /** Docker Hub's base image name, which no pull may ask for (moby's {@code validateRepoName}). */
    private static final String SCRATCH = "scratch";

    private final Engine engine;
    private final JobStreams streams;

    @Activate
    public ImageRoutes(@org.osgi.service.component.annotations.Reference Engine engine) {
        this.engine = engine;
        this.streams = new JobStreams(engine);
    }

    @Override
    public List<Route> routes() {
        return List.of(
                // GET
                Route.get("/images/json", this::list),
                Route.get("/images/search", this::search),
                Route.get("/images/get", this::saveNamed),
                Route.get("/images/{name:.*}/get", this::saveOne),
                Route.get("/images/{name:.*}/history", this::history),
                Route.get("/images/{name:.*}/json", this::inspect),
                // POST
                Route.post("/commit", this::commit),
                Route.post("/images/create", this::create),
                Route.post("/images/load", this::load),
                Route.post("/images/{name:.*}/push", this::push),
                Route.post("/images/{name:.*}/tag", this::tag),
                Route.post("/images/prune", this::prune),
                // DELETE
                Route.delete("/images/{name:.*}", this::delete));
    }

    private void list(ApiRequest req, ApiResponse resp) throws IOException {
        ApiVersion v = req.version();
        Filters filters = req.filters();
        // API 1.24's single 'filter' parameter: a reference glob
        String legacy = req.query("filter", "");
        if (v.isBefore(V1_25) && !legacy.isEmpty() && !filters.contains("reference")) {
            filters = withValue(filters, "reference", legacy);
        }
        boolean sharedSize = v.isAtLeast(V1_42) && req.bool("shared-size");
        ImageSummaries images = engine.run(ImageJobs.IMAGES,
                new ListImages(req.bool("all"), req.bool("digests"), filters, sharedSize));
        if (v.isBefore(V1_44)) {
            boolean noneTags = v.isBefore(V1_43);
            images = new ImageSummaries(images.images().stream().map(i -> i.forOlderApi(noneTags, true)).toList());
        }
        resp.json(images);
    }

    private void search(ApiRequest req, ApiResponse resp) throws IOException {
        int limit = 0;
        String raw = req.query("limit", "");
        if (!raw.isEmpty()) {
            try {
                limit = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new InvalidParameterError("invalid limit specified: strconv.Atoi: parsing \"" + raw
                        + "\": invalid syntax", e);
            }
            if (limit < 0) {
                throw new InvalidParameterError("invalid limit specified");
            }
        }
        resp.json(engine.run(ImageJobs.SEARCH, new SearchImages(req.query("term", ""), limit, req.filters(),
                RegistryAuth.decode(req.header(RegistryAuth.HEADER)))));
    }

    /** {@code docker save}: {@code GET /images/get?names=a&names=b}. */
    private void saveNamed(ApiRequest req, ApiResponse resp) throws IOException {
        streams.archive(req, resp, new SaveImages(req.queryAll("names")));
    }

    private void saveOne(ApiRequest req, ApiResponse resp) throws IOException {
        streams.archive(req, resp, new SaveImages(List.of(req.var("name"))));
    }

    private void history(ApiRequest req, ApiResponse resp) throws IOException {
        resp.json(engine.run(ImageJobs.IMAGE_HISTORY, new ImageName(req.var("name"))));
    }

    private void inspect(ApiRequest req, ApiResponse resp) throws IOException {
        ImageInspect image = engine.run(ImageJobs.IMAGE_INSPECT, new ImageName(req.var("name")));
        if (req.version().isBefore(V1_44)) {
            image = image.withVirtualSize();
        }
        if (req.version().isAtLeast(V1_45)) {
            image = image.withoutLegacyFields();
        }
        resp.json(image);
    }

    /** Pull with {@code fromImage}, import with {@code fromSrc}. */
    private void create(ApiRequest req, ApiResponse resp) throws IOException {
        String platform = req.version().isAtLeast(V1_32) ? req.query("platform", "") : "";
        String fromImage = req.query("fromImage", "");
        if (!fromImage.isEmpty()) {
            pull(req, resp, fromImage, platform);
        } else {
            importRootfs(req, resp, platform);
        }
    }

    private void pull(ApiRequest req, ApiResponse resp, String fromImage, String platform) throws IOException {
        // "docker pull -a" sends the name with a trailing ':'
        String image = fromImage.endsWith(":") ? fromImage.substring(0, fromImage.length() - 1) : fromImage;
        String tag = req.query("tag", "");
        Reference ref = Reference.parse(image);
        if (!tag.isEmpty()) {
            ref = withTagOrDigest(ref, tag);
        }
        if (ref.familiarName().equals(SCRATCH)) {
            throw new ForbiddenError("'" + SCRATCH + "' is a reserved name");
        }
        AuthConfig auth = RegistryAuth.decode(req.header(RegistryAuth.HEADER));
        streams.progress(req, resp, ImageJobs.PULL, sink -> new PullImage(image, tag, platform, auth, sink), null);
    }

    private void importRootfs(ApiRequest req, ApiResponse resp, String platform) throws IOException {
        String source = req.query("fromSrc", "");
        if (source.isEmpty()) {
            throw new InvalidParameterError("either fromImage or fromSrc is required");
        }
        String repo = req.query("repo", "");
        String tag = req.query("tag", "");
        validateRepoTag(repo, tag);
        String message = req.query("message", "");
        String comment = message.isEmpty() ? "Imported from " + source : message;
        List<String> changes = req.queryAll("changes");
        streams.progress(req, resp, ImageJobs.IMPORT,
                sink -> new ImportImage(source, repo, tag, comment, changes, platform, sink),
                source.equals("-") ? req.body() : null);
    }

    private void load(ApiRequest req, ApiResponse resp) throws IOException {
        boolean quiet = req.bool("quiet", true);
        streams.progress(req, resp, ImageJobs.LOAD, sink -> new LoadImages(quiet, sink), req.body());
    }

    private void push(ApiRequest req, ApiResponse resp) throws IOException {
        String name = req.var("name");
        String tag = req.query("tag", "");
        if (tag.isEmpty()) {
            Reference.parse(name);
        } else {
            validateRepoTag(name, tag);
        }
        AuthConfig auth = RegistryAuth.decode(req.header(RegistryAuth.HEADER));
        streams.progress(req, resp, ImageJobs.PUSH, sink -> new PushImage(name, tag, auth, sink), null);
    }

    /**
     * {@code docker commit}: the container daemon runs it (it pauses the container and reads its
     * layer) and hands the layer to the image store. A body, when sent, is the config to start from.
     * Pause is the default from API 1.13 on, below this daemon's window.
     */
    private void commit(ApiRequest req, ApiResponse resp) throws IOException {
        String repo = req.query("repo", "");
        String tag = req.query("tag", "");
        validateRepoTag(repo, tag);
        CommitContainer commit = new CommitContainer(req.query("container", ""), repo, tag, req.query("comment", ""),
                req.query("author", ""), req.queryAll("changes"), req.bool("pause", true),
                req.json(ContainerConfig.class));
        String id = engine.run(ContainerJobs.COMMIT, commit);
        resp.json(201, Map.of("Id", id));
    }

    private void tag(ApiRequest req, ApiResponse resp) {
        engine.run(ImageJobs.TAG, new TagImage(req.var("name"), req.query("repo", ""), req.query("tag", "")));
        resp.status(201);
    }

    private void prune(ApiRequest req, ApiResponse resp) throws IOException {
        resp.json(engine.run(ImageJobs.IMAGE_PRUNE, new PruneImages(req.filters())));
    }

    private void delete(ApiRequest req, ApiResponse resp) throws IOException {
        String name = req.var("name");
        if (name.isBlank()) {
            throw new InvalidParameterError("image name cannot be blank");
        }
        resp.json(engine.run(ImageJobs.IMAGE_DELETE, new DeleteImage(name, req.bool("force"), req.bool("noprune"))));
    }

    /**
     * moby's {@code RepoTagReference}: an import's or push's repository (with its tag, or {@code tag})
     * must be a valid name and may not carry a digest.
     */
    private static void validateRepoTag(String repo, String tag) {
        if (repo.isEmpty()) {
            return;
        }
        Reference ref = Reference.parse(repo);
        if (ref.digested()) {
            throw new InvalidParameterError("cannot import digest reference");
        }
        if (!tag.isEmpty()) {
            ref.withTag(tag);
        }
    }

    /** A pull's {@code tag} may be a digest (moby tries {@code digest.Parse} first). */
    private static Reference withTagOrDigest(Reference ref, String tag) {
        try {
            Reference.validateDigest(tag);
        } catch (InvalidParameterError notADigest) {
            return ref.withTag(tag);
        }
        return ref.withDigest(tag);
    }

    private static Filters withValue(Filters filters, String key, String value) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        filters.keys().forEach(k -> values.put(k, filters.get(k)));
        values.put(key, Set.of(value));
        return Filters.of(values);
    }
}
