package wharf.graph.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One unpacked layer, as {@code layers/<chain hex>/layer.json} records it beside its
 * {@code diff/} directory.
 *
 * @param chainId     the layer stack's ID: the key of the layer
 * @param diffId      sha256 of the uncompressed tar
 * @param parent      the chain ID of the layer below, or null for a base layer
 * @param size        the unpacked content's size as dockerd counts it: regular files' bytes, hard links once
 * @param tarSize     the uncompressed tar's length
 * @param blob        the digest of the stored blob the layer came from (compressed or not)
 * @param compression how the blob is compressed: {@code none}, {@code gzip}, {@code bzip2}
 * @param whiteouts   {@code overlay} (character devices and the opaque xattr) or {@code files}
 *                    ({@code .wh.} files kept as they were)
 * @param gzipBlob    for a layer whose blob is not gzip: the gzip of its tar, made by its first
 *                    push and kept so that every push sends the same bytes; null until then
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Layer(String chainId, String diffId, String parent, long size, long tarSize, String blob, String compression,
        String whiteouts, String gzipBlob) {

    /** The blob a push sends, gzip as registries serve layers; null while it has yet to be made. */
    String pushBlob() {
        return Compression.GZIP.label().equals(compression) ? blob : gzipBlob;
    }

    /** The blobs the layer keeps: the one it came from, and its gzip once made. */
    List<String> blobs() {
        return gzipBlob == null ? List.of(blob) : List.of(blob, gzipBlob);
    }

    Layer withGzipBlob(String digest) {
        return new Layer(chainId, diffId, parent, size, tarSize, blob, compression, whiteouts, digest);
    }
}
