package wharf.graph.internal.registry;

import java.io.Closeable;
import java.io.IOException;

/**
 * A blob being written: the bytes are hashed as they come, and {@link #commit()} publishes the
 * blob atomically only when its digest and size are the ones announced. {@link #close()}
 * without a commit discards what was written, leaving no file behind.
 */
public interface BlobWriter extends Closeable {
    void write(byte[] bytes, int offset, int length) throws IOException;

    /**
     * Checks the digest and size, makes the content durable and publishes it under its digest;
     * a blob that appeared meanwhile (another writer won) is fine.
     *
     * @throws DigestMismatchException when the content is not what was announced; nothing is published
     */
    void commit() throws IOException;

    /** Discards the content unless it was committed. */
    @Override
    void close() throws IOException;
}
