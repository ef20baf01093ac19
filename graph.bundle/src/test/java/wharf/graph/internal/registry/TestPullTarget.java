package wharf.graph.internal.registry;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A {@link PullTarget} that keeps what a real store must check: a layer is "unpacked" only when
 * its parent is, and only when its uncompressed content has the config's diff ID. The layer
 * directories themselves are graph.bundle's business; here a set of chain IDs stands for them.
 */
final class TestPullTarget implements PullTarget {
    final FileBlobStore blobs;
    final Set<String> layers = ConcurrentHashMap.newKeySet();
    final Map<String, PulledImage> images = new ConcurrentHashMap<>();
    final Map<String, String> references = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> extractions = new ConcurrentHashMap<>();

    TestPullTarget(FileBlobStore blobs) {
        this.blobs = blobs;
    }

    int extractions(String chainId) {
        AtomicInteger n = extractions.get(chainId);
        return n == null ? 0 : n.get();
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    @Override
    public boolean hasImage(String configDigest) {
        return images.containsKey(configDigest);
    }

    @Override
    public boolean hasLayer(String chainId) {
        return layers.contains(chainId);
    }

    @Override
    public void extract(PulledLayer layer, InputStream blob) throws IOException {
        if (layer.parentChainId() != null && !layers.contains(layer.parentChainId())) {
            throw new IOException("parent " + layer.parentChainId() + " is not unpacked");
        }
        MessageDigest sha = Digests.sha256();
        String type = layer.blob().mediaType();
        try (InputStream in = type.endsWith("gzip") ? new GZIPInputStream(blob) : blob;
                DigestInputStream digesting = new DigestInputStream(in, sha)) {
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String diffId = Digests.format(sha.digest());
        if (!diffId.equals(layer.diffId())) {
            throw new IOException("layer has diff ID " + diffId + ", the config says " + layer.diffId());
        }
        extractions.computeIfAbsent(layer.chainId(), c -> new AtomicInteger()).incrementAndGet();
        layers.add(layer.chainId());
    }

    @Override
    public boolean store(PulledImage image) {
        images.put(image.config().digest(), image);
        String previous = references.put(image.reference().toString(), image.config().digest());
        return !image.config().digest().equals(previous);
    }
}
