package wharf.graph.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import wharf.engine.api.Cancellation;
import wharf.engine.api.CancelledError;
import wharf.engine.api.JobError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.SystemError;
import wharf.engine.api.image.Progress;
import wharf.engine.api.image.Reference;

/**
 * A pull as dockerd's v2 puller does it: resolve the reference to a manifest (choosing the
 * platform's from a list), fetch the config, download the layers the store lacks (shared with
 * other pulls, a few at a time), unpack them in order, record the image, and report each step
 * with dockerd's words. Failures before the first report are typed errors a route can turn into
 * a plain status; later ones end the progress stream.
 */
final class Puller {
    /** distribution's limit on a manifest. */
    static final int MAX_MANIFEST = 4 * 1024 * 1024;
    private static final int MAX_CONFIG = 32 * 1024 * 1024;

    private record ExtractKey(PullTarget target, String chainId) {
    }

    private record Fetched(String mediaType, String digest, byte[] bytes) {
    }

    private final Downloads downloads;
    private final Map<ExtractKey, CompletableFuture<Void>> extracting = new ConcurrentHashMap<>();

    Puller(Downloads downloads) {
        this.downloads = downloads;
    }

    /**
     * @param platform the platform asked for, or null for the host's (then a single-platform
     *                 image is taken whatever it is built for, as dockerd does)
     * @param session  a pinged session for the reference's repository with pull access
     */
    PullResult pull(Reference reference, Platform platform, RegistrySession session, PullTarget target,
            Progress progress, Cancellation cancellation) {
        Reference ref = reference.withDefaultTag();
        Platform wanted = platform == null ? Platform.host() : platform;

        Fetched top = fetchManifest(session, ref, ref.digested() ? ref.digest() : ref.tag(), cancellation);
        Fetched image = top;
        if (MediaTypes.INDEXES.contains(top.mediaType())) {
            Descriptor chosen = Manifests.select(Manifests.parseIndex(top.bytes()), wanted);
            image = fetchManifest(session, ref, chosen.digest(), cancellation);
            if (!MediaTypes.IMAGE_MANIFESTS.contains(image.mediaType())) {
                throw new SystemError("unsupported manifest media type in the manifest list: " + image.mediaType());
            }
        } else if (!MediaTypes.IMAGE_MANIFESTS.contains(top.mediaType())) {
            throw new SystemError("unsupported manifest media type " + top.mediaType() + " for " + ref.familiar()
                    + (MediaTypes.SCHEMA1.contains(top.mediaType())
                            ? ": Docker image manifest v2, schema 1 is not supported" : ""));
        }
        Manifests.ImageManifest manifest = Manifests.parseImage(image.bytes());
        byte[] config = config(session, manifest.config(), target.blobs(), cancellation);
        List<String> diffIds = diffIds(config, manifest);
        if (platform != null && image == top) {
            checkPlatform(ref, platform, config);
        }

        progress.message(ref.tagged() ? ref.tag() : ref.toString(), "Pulling from " + ref.path());

        List<String> chainIds = Digests.chainIds(diffIds);
        List<PulledLayer> layers = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            layers.add(new PulledLayer(manifest.layers().get(i), diffIds.get(i), chainIds.get(i),
                    i == 0 ? null : chainIds.get(i - 1)));
        }
        if (!target.hasImage(manifest.config().digest())) {
            fetchLayers(session, layers, target, progress, cancellation);
        }

        PulledImage pulled = new PulledImage(ref, top.digest(), image.mediaType(), image.bytes(), image.digest(),
                manifest.config(), config, layers);
        boolean updated;
        try {
            updated = target.store(pulled);
        } catch (IOException e) {
            throw new SystemError("failed to store " + ref.familiar() + ": " + e.getMessage(), e);
        }
        progress.message(null, "Digest: " + top.digest());
        progress.message(null, (updated ? "Status: Downloaded newer image for " : "Status: Image is up to date for ")
                + ref.familiar());
        return new PullResult(top.digest(), manifest.config().digest(), updated);
    }

    /** Downloads what is missing, then unpacks it bottom up, each layer once its blob is in. */
    private void fetchLayers(RegistrySession session, List<PulledLayer> layers, PullTarget target, Progress progress,
            Cancellation cancellation) {
        List<PulledLayer> missing = new ArrayList<>();
        for (PulledLayer layer : layers) {
            String id = Digests.shortId(layer.blob().digest());
            if (target.hasLayer(layer.chainId())) {
                progress.status(id, "Already exists");
            } else {
                progress.status(id, "Pulling fs layer");
                missing.add(layer);
            }
        }
        // a never-firing signal: a shared download stops when its last watcher leaves, not
        // when the pull that started it goes
        Cancellation downloadSignal = new Cancellation();
        Downloads.Source source = blob -> openBlob(session, blob, downloadSignal);
        List<Downloads.Watcher> watchers = new ArrayList<>();
        List<Downloads.Download> started = new ArrayList<>();
        try {
            for (PulledLayer layer : missing) {
                Downloads.Watcher w = new Downloads.Watcher(progress, Digests.shortId(layer.blob().digest()));
                Downloads.Download d = downloads.join(target.blobs(), layer.blob(), source, w);
                watchers.add(w);
                started.add(d);
                if (d.alreadyStored()) {
                    progress.status(w.id(), "Download complete");
                }
            }
            for (int i = 0; i < missing.size(); i++) {
                await(started.get(i).done(), cancellation);
                extract(target, missing.get(i), watchers.get(i).id(), progress, cancellation);
                progress.status(watchers.get(i).id(), "Pull complete");
            }
        } finally {
            for (int i = 0; i < started.size(); i++) {
                started.get(i).detach(watchers.get(i));
            }
        }
    }

    /**
     * Unpacks one layer unless it is unpacked by now; a pull that finds another one unpacking
     * the same chain into the same store waits for it instead.
     */
    private void extract(PullTarget target, PulledLayer layer, String id, Progress progress, Cancellation cancellation) {
        ExtractKey key = new ExtractKey(target, layer.chainId());
        while (true) {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> other = extracting.putIfAbsent(key, mine);
            if (other != null) {
                try {
                    await(other, cancellation);
                } catch (CancelledError e) {
                    throw e;
                } catch (JobError e) {
                    // that pull failed; this one tries for itself
                }
                continue;
            }
            try {
                if (!target.hasLayer(layer.chainId())) {
                    long size = layer.blob().size();
                    try (InputStream in = new ProgressReader(target.blobs().open(layer.blob().digest()), size, n -> {
                        cancellation.check();
                        progress.progress(id, "Extracting", n, size);
                    })) {
                        target.extract(layer, in);
                    }
                }
                mine.complete(null);
                return;
            } catch (IOException e) {
                mine.completeExceptionally(e);
                throw new SystemError("failed to register layer: " + e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                extracting.remove(key, mine);
            }
        }
    }

    private Fetched fetchManifest(RegistrySession session, Reference ref, String tagOrDigest, Cancellation cancellation) {
        boolean byDigest = tagOrDigest.contains(":");
        if (byDigest && !Digests.isSha256(tagOrDigest)) {
            throw new SystemError("unsupported digest algorithm: " + tagOrDigest);
        }
        URI uri = session.repositoryUri("manifests/" + tagOrDigest);
        HttpResponse<InputStream> response = session.send("GET", uri, Map.of("Accept", MediaTypes.MANIFEST_ACCEPT),
                cancellation);
        if (response.statusCode() != 200) {
            throw translate(RegistrySession.failure(response), ref);
        }
        byte[] bytes;
        try {
            bytes = Bounded.readAll(response.body(), MAX_MANIFEST, "manifest " + tagOrDigest);
        } catch (IOException e) {
            throw new SystemError(GoErrors.urlError("GET", uri, GoErrors.transport(uri, e)), e);
        }
        String digest = Digests.of(bytes);
        String announced = response.headers().firstValue("Docker-Content-Digest").orElse("");
        if ((byDigest && !digest.equals(tagOrDigest)) || (Digests.isSha256(announced) && !announced.equals(digest))) {
            throw new SystemError("manifest verification failed for digest " + (byDigest ? tagOrDigest : announced));
        }
        String mediaType = Manifests.mediaType(response.headers().firstValue("Content-Type").orElse(null), bytes);
        return new Fetched(mediaType, digest, bytes);
    }

    /** The config, from the store when it has it, else from the registry into the store. */
    private byte[] config(RegistrySession session, Descriptor descriptor, BlobStore blobs, Cancellation cancellation) {
        if (descriptor.size() > MAX_CONFIG) {
            throw new SystemError("image config " + descriptor.digest() + " is larger than " + MAX_CONFIG + " bytes");
        }
        try {
            if (blobs.has(descriptor.digest())) {
                byte[] stored = Bounded.readAll(blobs.open(descriptor.digest()), MAX_CONFIG, "image config");
                if (Digests.of(stored).equals(descriptor.digest())) {
                    return stored;
                }
            }
            byte[] fetched = Bounded.readAll(openBlob(session, descriptor, cancellation), MAX_CONFIG, "image config");
            if (!Digests.of(fetched).equals(descriptor.digest())) {
                throw new SystemError("image config verification failed for digest " + descriptor.digest());
            }
            try (BlobWriter writer = blobs.create(descriptor.digest(), fetched.length)) {
                writer.write(fetched, 0, fetched.length);
                writer.commit();
            }
            return fetched;
        } catch (IOException e) {
            throw new SystemError("error pulling image configuration: " + e.getMessage(), e);
        }
    }

    /** {@code GET /v2/<name>/blobs/<digest>}: the body of a 200, or the registry's error. */
    private static InputStream openBlob(RegistrySession session, Descriptor blob, Cancellation cancellation) {
        URI uri = session.repositoryUri("blobs/" + Digests.require(blob.digest()));
        HttpResponse<InputStream> response = session.send("GET", uri, Map.of(), cancellation);
        if (response.statusCode() != 200) {
            throw RegistrySession.failure(response).toJobError();
        }
        return response.body();
    }

    /** The config's {@code rootfs.diff_ids}, one per manifest layer. */
    private static List<String> diffIds(byte[] config, Manifests.ImageManifest manifest) {
        JsonNode ids = Manifests.tree(config, "image config").path("rootfs").path("diff_ids");
        List<String> diffIds = new ArrayList<>();
        ids.forEach(n -> diffIds.add(n.asText()));
        if (diffIds.size() != manifest.layers().size() || !diffIds.stream().allMatch(Digests::isSha256)) {
            throw new SystemError("layers from manifest don't match image configuration");
        }
        return diffIds;
    }

    /** A single-platform image asked for by platform must be for that platform, as in dockerd. */
    private static void checkPlatform(Reference ref, Platform wanted, byte[] config) {
        JsonNode doc = Manifests.tree(config, "image config");
        Platform actual = new Platform(doc.path("os").asText(""), doc.path("architecture").asText(""),
                doc.path("variant").asText(null));
        if (!wanted.matches(actual)) {
            throw new NotFoundError("image with reference " + ref.familiar()
                    + " was found but does not match the specified platform: wanted " + wanted + ", actual: "
                    + actual.normalize());
        }
    }

    /**
     * dockerd's {@code translatePullError}: a missing manifest or repository, or a refusal, is
     * "not found" with the registry's own words after dockerd's.
     */
    private static JobError translate(RegistryException e, Reference ref) {
        if (e.entries().isEmpty()) {
            return e.toJobError();
        }
        RegistryException.Entry first = e.entries().get(0);
        return switch (first.code()) {
            case "DENIED" -> new NotFoundError("pull access denied for " + ref.familiarName()
                    + ", repository does not exist or may require 'docker login': " + first.message(), e);
            case "MANIFEST_UNKNOWN" -> new NotFoundError("manifest for " + ref.familiar() + " not found: " + first, e);
            case "NAME_UNKNOWN" -> new NotFoundError("repository " + ref.familiarName() + " not found: " + first, e);
            default -> e.toJobError();
        };
    }

    /** Waits for a future, giving up when the job is cancelled; its failure as a job error. */
    static void await(CompletableFuture<?> future, Cancellation cancellation) {
        CompletableFuture<?> mine = future.copy();
        try (var onCancel = cancellation.onCancel(() -> mine.cancel(false))) {
            mine.get();
        } catch (CancellationException e) {
            throw new CancelledError("the caller went away");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledError("interrupted", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof JobError je) {
                throw je;
            }
            throw new SystemError(String.valueOf(cause.getMessage()), cause);
        }
    }
}
