package wharf.graph.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import wharf.common.GoTime;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.SystemError;
import wharf.engine.api.image.ContainerConfig;
import wharf.engine.api.image.ImportImage;
import wharf.engine.api.image.Reference;
import wharf.common.fs.FileTrees;

/**
 * {@code docker import}: a root file system tar (possibly compressed), from the request body or
 * a URL, becomes a one-layer image whose config carries the changes, as dockerd's
 * {@code ImportImage}: the comment and the one history entry say the message, by default
 * {@code Imported from <source>}.
 */
final class Importer {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30)).build();

    private final ImageStore store;

    Importer(ImageStore store) {
        this.store = store;
    }

    /** Imports and returns the new image's ID; the tag, when asked, is set last. */
    String importImage(ImportImage request, InputStream stdin) throws IOException, InterruptedException {
        Reference tag = repoTag(request.repo(), request.tag());
        Platforms.Platform platform = Platforms.parse(request.platform());
        ContainerConfig config = Changes.apply(ContainerConfig.empty(), request.changes());
        String source = request.source() == null || request.source().isEmpty() ? "-" : request.source();
        String message = request.message() == null || request.message().isEmpty() ? "Imported from " + source
                : request.message();

        Path work = store.staging().newDirectory("import");
        try {
            Staging.StagedFile blob;
            if (source.equals("-")) {
                blob = Staging.write(work, "layer", stdin);
            } else {
                HttpResponse<InputStream> response = download(source);
                long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                try (InputStream in = response.body()) {
                    blob = Staging.write(work, "layer", new ProgressInputStream(in,
                            n -> request.progress().progress("", "Importing", n, total)));
                }
            }
            Layer layer = store.layers().register(null, blob, null, null);
            String created = GoTime.now();
            ImageConfig image = new ImageConfig(platform.architecture(), message, config, null, null, created, null, null,
                    List.of(new ImageConfig.History(created, null, null, message, false)), platform.os(), null,
                    platform.variant(), new ImageConfig.RootFs("layers", List.of(layer.diffId())));
            Image added = store.commit(Json.MAPPER.writeValueAsBytes(image), "", List.of());
            if (tag != null) {
                store.tag(tag, added.id());
                store.events().publish("tag", added, tag.familiar());
            }
            store.events().publish("import", added, added.id());
            request.progress().message(null, added.id());
            return added.id();
        } finally {
            FileTrees.deleteQuietly(work);
        }
    }

    /**
     * moby's {@code RepoTagReference}: the repository may carry the tag; a digest cannot be
     * imported to; none gives no tag at all.
     */
    static Reference repoTag(String repo, String tag) {
        if (repo == null || repo.isEmpty()) {
            return null;
        }
        Reference ref = Reference.parse(repo);
        if (ref.digested()) {
            throw new InvalidParameterError("cannot import digest reference");
        }
        if (tag != null && !tag.isEmpty()) {
            ref = ref.withTag(tag);
        }
        return ref.withDefaultTag();
    }

    /** A URL without a scheme is taken as an http host, as dockerd does. */
    private static HttpResponse<InputStream> download(String source) throws IOException, InterruptedException {
        URI uri;
        try {
            uri = URI.create(source.contains("://") ? source : "http://" + source);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterError("invalid import source " + source + ": " + e.getMessage(), e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new InvalidParameterError("unsupported import source " + source + ": only http and https");
        }
        HttpResponse<InputStream> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new SystemError("Get \"" + uri + "\": " + e.getMessage(), e);
        }
        int status = response.statusCode();
        if (status >= 400) {
            response.body().close();
            String msg = "error downloading " + uri + ": " + status;
            throw status == 404 ? new NotFoundError(msg) : new SystemError(msg);
        }
        return response;
    }
}
