package wharf.graph.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.common.AtomicFiles;
import wharf.engine.api.InvalidParameterError;
import wharf.common.fs.FileTrees;

/**
 * Layers unpacked once each, keyed by chain ID: {@code layers/<chain hex>/diff} is the layer's
 * own content (an overlayfs lower dir), {@code layer.json} its {@link Layer} record. A layer is
 * unpacked in the staging area, made durable, and renamed into place whole; the blob it came
 * from is kept so the layer can be saved and pushed with the same digests.
 */
final class LayerStore {
    private static final Logger LOG = LoggerFactory.getLogger(LayerStore.class);
    private static final ObjectMapper JSON = Json.MAPPER;
    static final String DIFF = "diff";
    private static final String RECORD = "layer.json";
    private static final int BUFFER = 1 << 16;

    private final Path dir;
    private final BlobStore blobs;
    private final Staging staging;
    private final LayerUnpacker unpacker;
    private final Map<String, Layer> layers = new ConcurrentHashMap<>();

    LayerStore(Path dir, BlobStore blobs, Staging staging, LayerUnpacker unpacker) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.blobs = blobs;
        this.staging = staging;
        this.unpacker = unpacker;
    }

    /** Reads every complete layer; a directory without its record is a leftover and goes. */
    void load() throws IOException {
        layers.clear();
        try (Stream<Path> dirs = Files.list(dir)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                Path record = d.resolve(RECORD);
                if (!Files.isRegularFile(record)) {
                    LOG.warn("Removing incomplete layer directory {}", d);
                    FileTrees.deleteQuietly(d);
                    continue;
                }
                Layer layer = JSON.readValue(record.toFile(), Layer.class);
                layers.put(layer.chainId(), layer);
            }
        }
    }

    Layer get(String chainId) {
        return layers.get(chainId);
    }

    boolean has(String chainId) {
        return layers.containsKey(chainId);
    }

    Map<String, Layer> all() {
        return Map.copyOf(layers);
    }

    /** The directory holding the layer's own files. */
    Path diff(String chainId) {
        return dir.resolve(Digests.hex(chainId)).resolve(DIFF);
    }

    /**
     * Unpacks a staged blob as the layer above parent, unless that layer exists already. The
     * blob is moved into the blob store when the layer is new (the caller removes it otherwise).
     *
     * @param parent         the chain ID of the layer below, or null
     * @param blob           the staged blob and its verified digest
     * @param expectedDiffId the diff ID the image config promises, or null to take what the tar gives
     * @param progress       told the compressed bytes read so far
     * @throws InvalidParameterError when the tar is refused or its diff ID is not the expected one
     */
    Layer register(String parent, Staging.StagedFile blob, String expectedDiffId, LongConsumer progress)
            throws IOException {
        Layer present = present(parent, expectedDiffId);
        if (present != null) {
            return present;
        }
        try (InputStream raw = new ProgressInputStream(Files.newInputStream(blob.path()), progress)) {
            return register(parent, blob, raw, expectedDiffId);
        }
    }

    /**
     * Unpacks a blob the blob store holds already (a pull downloaded it there) as the layer above
     * parent, unless that layer exists. The blob is read from the stream given, so that the
     * caller can count and interrupt the read.
     *
     * @param blob the stored blob, opened by the caller; closed here
     * @throws InvalidParameterError when the tar is refused or its diff ID is not the expected one
     */
    Layer registerStored(String parent, String blobDigest, InputStream blob, String expectedDiffId)
            throws IOException {
        try (blob) {
            Layer present = present(parent, expectedDiffId);
            if (present != null) {
                return present;
            }
            Staging.StagedFile stored = new Staging.StagedFile(blobs.path(blobDigest), blobDigest, blobs.size(blobDigest));
            return register(parent, stored, blob, expectedDiffId);
        }
    }

    private Layer present(String parent, String expectedDiffId) {
        return expectedDiffId == null ? null : layers.get(Digests.chainId(parent, expectedDiffId));
    }

    private Layer register(String parent, Staging.StagedFile blob, InputStream raw, String expectedDiffId)
            throws IOException {
        Path work = staging.newDirectory("layer");
        try {
            Path diff = Files.createDirectory(work.resolve(DIFF));
            Unpacked unpacked = unpack(raw, diff);
            if (expectedDiffId != null && !expectedDiffId.equals(unpacked.diffId())) {
                throw new InvalidParameterError("invalid diffID for layer: expected \"" + expectedDiffId
                        + "\", got \"" + unpacked.diffId() + "\"");
            }
            String chainId = Digests.chainId(parent, unpacked.diffId());
            Layer layer = new Layer(chainId, unpacked.diffId(), parent, unpacked.size(), unpacked.tarSize(),
                    blob.digest(), unpacked.compression().label(), unpacker.whiteouts().name().toLowerCase(), null);
            return commit(layer, work, blob);
        } finally {
            FileTrees.deleteQuietly(work);
        }
    }

    private record Unpacked(String diffId, long tarSize, long size, Compression compression) {
    }

    private Unpacked unpack(InputStream raw, Path diff) throws IOException {
        Compression.Opened opened = Compression.open(raw, BUFFER);
        Digests.Counting tar = new Digests.Counting(TarReader.corruptOnFailure(opened.stream()));
        LayerUnpacker.Result result;
        try {
            result = unpacker.unpack(tar, diff);
            // the diff ID covers the whole stream, end-of-archive blocks and padding included
            tar.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (TarReader.Corrupt e) {
            throw new InvalidParameterError("invalid layer archive: " + e.getMessage(), e);
        }
        return new Unpacked(tar.digest(), tar.count(), result.size(), opened.compression());
    }

    /** Makes the unpacked layer durable, then visible; the first of two concurrent unpacks wins. */
    private synchronized Layer commit(Layer layer, Path work, Staging.StagedFile blob) throws IOException {
        Layer present = layers.get(layer.chainId());
        if (present != null) {
            return present;
        }
        blobs.adopt(blob.path(), blob.digest());
        AtomicFiles.write(work.resolve(RECORD), JSON.writeValueAsBytes(layer));
        syncTree(work);
        Path target = dir.resolve(Digests.hex(layer.chainId()));
        java.nio.file.Files.move(work, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDirectory(dir);
        layers.put(layer.chainId(), layer);
        return layer;
    }

    private static void syncTree(Path work) throws IOException {
        if (NativeFs.available()) {
            NativeFs.syncFileSystem(work);
            return;
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    AtomicFiles.sync(f);
                }
            }
        }
    }

    /** The layer's uncompressed tar, exactly as it was loaded (its digest is the diff ID). */
    InputStream openTar(Layer layer) throws IOException {
        InputStream raw = blobs.open(layer.blob());
        try {
            return Compression.of(layer.compression()).open(new java.io.BufferedInputStream(raw, BUFFER));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * The layer with the gzip blob a push sends: its own blob when that is gzip, else the gzip
     * of its tar, made once and recorded in {@code layer.json} (dockerd compresses on every push
     * and remembers the digest; keeping the bytes lets every push send the same ones).
     */
    Layer gzipped(Layer layer) throws IOException {
        Layer current = layers.getOrDefault(layer.chainId(), layer);
        if (current.pushBlob() != null && blobs.has(current.pushBlob())) {
            return current;
        }
        Path file = staging.newFile("gzip");
        try {
            MessageDigest sha = Digests.sha256();
            try (InputStream tar = openTar(current);
                    OutputStream raw = new DigestOutputStream(Files.newOutputStream(file), sha);
                    OutputStream out = new GZIPOutputStream(raw, BUFFER)) {
                tar.transferTo(out);
            }
            return recordGzip(current.chainId(), file, Digests.of(sha));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private synchronized Layer recordGzip(String chainId, Path file, String digest) throws IOException {
        Layer current = layers.get(chainId);
        if (current == null) {
            throw new NoSuchFileException("layer " + chainId + " was removed meanwhile");
        }
        blobs.adopt(file, digest);
        Layer updated = current.withGzipBlob(digest);
        AtomicFiles.write(dir.resolve(Digests.hex(chainId)).resolve(RECORD), JSON.writeValueAsBytes(updated));
        layers.put(chainId, updated);
        return updated;
    }

    /**
     * Removes the layer: renamed out of sight first, then deleted, so a crash leaves no half
     * layer; its blobs go too unless another layer came from the same blob.
     */
    synchronized void delete(String chainId) throws IOException {
        Layer layer = layers.remove(chainId);
        if (layer == null) {
            return;
        }
        Path source = dir.resolve(Digests.hex(chainId));
        Path trash = staging.newDirectory("deleted");
        Files.move(source, trash.resolve("layer"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        FileTrees.delete(trash);
        Set<String> stillUsed = new HashSet<>();
        layers.values().forEach(l -> stillUsed.addAll(l.blobs()));
        for (String blob : layer.blobs()) {
            if (!stillUsed.contains(blob)) {
                blobs.delete(blob);
            }
        }
    }
}
