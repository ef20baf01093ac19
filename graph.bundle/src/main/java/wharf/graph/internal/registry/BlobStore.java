package wharf.graph.internal.registry;

import java.io.IOException;
import java.io.InputStream;

/**
 * The content-addressed blobs the registry client reads from (push) and writes to (pull):
 * layers as the registry serves them, image configs. graph.bundle's store implements it.
 * <p>
 * Implementations are safe for concurrent use; two writers of the same digest may race, and the
 * blob must come out whole either way (write to a temporary file, rename into place).
 */
public interface BlobStore {
    /** True when the blob is stored whole. */
    boolean has(String digest);

    /**
     * The stored blob's size in bytes.
     *
     * @throws java.nio.file.NoSuchFileException when it is not stored
     */
    long size(String digest) throws IOException;

    /**
     * Reads a stored blob.
     *
     * @throws java.nio.file.NoSuchFileException when it is not stored
     */
    InputStream open(String digest) throws IOException;

    /**
     * Starts writing a blob that must turn out to have this digest (and size, when not negative).
     * Nothing is visible under the digest until {@link BlobWriter#commit()} has checked it.
     */
    BlobWriter create(String digest, long size) throws IOException;
}
