package wharf.graph.internal.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import wharf.engine.api.Cancellation;
import wharf.engine.api.CancelledError;
import wharf.engine.api.SystemError;
import wharf.engine.api.image.Progress;
import wharf.engine.api.image.PushResult;

/**
 * A push as dockerd's v2 pusher does it, once the repository is named: for each tag, every layer the registry lacks is
 * uploaded (a few at a time, daemon-wide), then the config, then the schema 2 manifest under
 * the tag; each step is reported in dockerd's words and each tag ends with its digest line and
 * a {@link PushResult} aux. Uploads are monolithic: one POST to open the upload, one PUT with
 * the whole blob and its digest.
 */
final class Pusher {
    private final Semaphore slots;
    private final ExecutorService executor;

    /** @param limit dockerd's {@code max-concurrent-uploads} */
    Pusher(int limit, ExecutorService executor) {
        this.slots = new Semaphore(limit, true);
        this.executor = executor;
    }

    /** @param session a pinged session for the repository with pull and push access */
    List<PushResult> push(List<PushContent> images, RegistrySession session, BlobStore blobs, Progress progress,
            Cancellation cancellation) {
        List<PushResult> results = new ArrayList<>();
        for (PushContent image : images) {
            pushLayers(image.layers(), session, blobs, progress, cancellation);
            if (!exists(session, image.config().digest(), cancellation)) {
                upload(session, image.config(), blobs, n -> { }, cancellation);
            }
            List<Descriptor> layers = image.layers().stream().map(PushLayer::blob).toList();
            byte[] manifest = Manifests.schema2(image.config(), layers);
            String digest = putManifest(session, image.tag(), manifest, cancellation);
            progress.message(null, image.tag() + ": digest: " + digest + " size: " + manifest.length);
            PushResult result = new PushResult(image.tag(), digest, manifest.length);
            progress.aux(result);
            results.add(result);
        }
        return results;
    }

    /** Prepares every layer, then pushes them concurrently; the first failure stops the rest. */
    private void pushLayers(List<PushLayer> layers, RegistrySession session, BlobStore blobs, Progress progress,
            Cancellation cancellation) {
        Map<String, PushLayer> unique = new LinkedHashMap<>();
        layers.forEach(l -> unique.putIfAbsent(l.blob().digest(), l));
        unique.values().forEach(l -> progress.status(Digests.shortId(l.diffId()), "Preparing"));
        List<Future<?>> tasks = new ArrayList<>();
        List<CompletableFuture<Void>> outcomes = new ArrayList<>();
        for (PushLayer layer : unique.values()) {
            CompletableFuture<Void> outcome = new CompletableFuture<>();
            outcomes.add(outcome);
            tasks.add(executor.submit(() -> {
                try {
                    pushLayer(layer, session, blobs, progress, cancellation);
                    outcome.complete(null);
                } catch (InterruptedException e) {
                    outcome.completeExceptionally(new CancelledError("push stopped", e));
                } catch (Throwable t) {
                    outcome.completeExceptionally(t);
                }
            }));
        }
        try {
            for (CompletableFuture<Void> outcome : outcomes) {
                Puller.await(outcome, cancellation);
            }
        } finally {
            tasks.forEach(t -> t.cancel(true));
        }
    }

    private void pushLayer(PushLayer layer, RegistrySession session, BlobStore blobs, Progress progress,
            Cancellation cancellation) throws InterruptedException {
        String id = Digests.shortId(layer.diffId());
        if (!slots.tryAcquire()) {
            progress.status(id, "Waiting");
            slots.acquire();
        }
        try {
            cancellation.check();
            if (exists(session, layer.blob().digest(), cancellation)) {
                progress.status(id, "Layer already exists");
                return;
            }
            long size = layer.blob().size();
            upload(session, layer.blob(), blobs, n -> progress.progress(id, "Pushing", n, size), cancellation);
            progress.status(id, "Pushed");
        } finally {
            slots.release();
        }
    }

    /** {@code HEAD /v2/<name>/blobs/<digest>}: 200 when the registry has it, 404 when not. */
    private static boolean exists(RegistrySession session, String digest, Cancellation cancellation) {
        URI uri = session.repositoryUri("blobs/" + Digests.require(digest));
        HttpResponse<InputStream> response = session.send("HEAD", uri, Map.of(), cancellation);
        int status = response.statusCode();
        if (status == 200) {
            RegistrySession.drain(response);
            return true;
        }
        if (status == 404) {
            RegistrySession.drain(response);
            return false;
        }
        throw RegistrySession.failure(response).toJobError();
    }

    /** POST to open an upload, then PUT the whole blob with its digest. */
    private static void upload(RegistrySession session, Descriptor blob, BlobStore blobs,
            LongConsumer progress, Cancellation cancellation) {
        if (!blobs.has(blob.digest())) {
            throw new SystemError("blob " + blob.digest() + " is not in the local store");
        }
        HttpResponse<InputStream> opened = session.send("POST", session.repositoryUri("blobs/uploads/"), Map.of(),
                HttpRequest.BodyPublishers::noBody, cancellation);
        if (opened.statusCode() != 202) {
            throw RegistrySession.failure(opened).toJobError();
        }
        RegistrySession.drain(opened);
        String location = opened.headers().firstValue("Location")
                .orElseThrow(() -> new SystemError("the registry opened an upload without a Location"));
        URI target = session.base().resolve(location);
        URI put = URI.create(target + (target.getRawQuery() == null ? "?" : "&") + "digest="
                + Digests.require(blob.digest()).replace(":", "%3A"));
        Supplier<HttpRequest.BodyPublisher> body = () -> HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return new ProgressReader(blobs.open(blob.digest()), blob.size(), progress);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }), blob.size());
        HttpResponse<InputStream> done = session.send("PUT", put, Map.of("Content-Type", "application/octet-stream"),
                body, cancellation);
        if (done.statusCode() != 201 && done.statusCode() != 204) {
            throw RegistrySession.failure(done).toJobError();
        }
        RegistrySession.drain(done);
    }

    /** {@code PUT /v2/<name>/manifests/<tag>}; returns the manifest's digest. */
    private static String putManifest(RegistrySession session, String tag, byte[] manifest, Cancellation cancellation) {
        URI uri = session.repositoryUri("manifests/" + tag);
        HttpResponse<InputStream> response = session.send("PUT", uri,
                Map.of("Content-Type", MediaTypes.DOCKER_MANIFEST),
                () -> HttpRequest.BodyPublishers.ofByteArray(manifest), cancellation);
        if (response.statusCode() != 201 && response.statusCode() != 200 && response.statusCode() != 202) {
            throw RegistrySession.failure(response).toJobError();
        }
        RegistrySession.drain(response);
        String digest = Digests.of(manifest);
        String announced = response.headers().firstValue("Docker-Content-Digest").orElse(digest);
        if (Digests.isSha256(announced) && !announced.equals(digest)) {
            throw new SystemError("the registry stored manifest " + announced + " for pushed manifest " + digest);
        }
        return digest;
    }
}
