package wharf.server.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Bytes written once and read back as often as needed: in memory up to a limit, then in a
 * temporary file (created readable by the daemon only) that {@link #close()} deletes. Holds a
 * request body for authorization policies and its replay to the handler.
 */
final class SpillBuffer extends OutputStream {
    private final int memoryLimit;
    private byte[] memory = new byte[256];
    private long size;
    private Path file;
    private OutputStream fileOut;
    private boolean sealed;

    SpillBuffer(int memoryLimit) {
        this.memoryLimit = memoryLimit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (sealed) {
            throw new IOException("the buffer is sealed");
        }
        if (fileOut == null && size + len > memoryLimit) {
            spill();
        }
        if (fileOut != null) {
            fileOut.write(b, off, len);
        } else {
            if (size + len > memory.length) {
                memory = Arrays.copyOf(memory, (int) Math.min(memoryLimit, Math.max(memory.length * 2L, size + len)));
            }
            System.arraycopy(b, off, memory, (int) size, len);
        }
        size += len;
    }

    /** Moves what is in memory to a fresh temporary file and goes on writing there. */
    private void spill() throws IOException {
        file = Files.createTempFile("wharf-body-", ".tmp");
        fileOut = Files.newOutputStream(file);
        fileOut.write(memory, 0, (int) size);
        memory = null;
    }

    /** Ends writing: from here the bytes can be read. */
    void seal() throws IOException {
        if (!sealed) {
            sealed = true;
            if (fileOut != null) {
                fileOut.close();
            }
        }
    }

    long size() {
        return size;
    }

    /** The temporary file the bytes went to, or null while they are in memory. */
    Path file() {
        return file;
    }

    /** A new stream over every byte written. */
    InputStream open() throws IOException {
        if (!sealed) {
            throw new IllegalStateException("the buffer is still being written");
        }
        return file != null ? Files.newInputStream(file) : new ByteArrayInputStream(memory, 0, (int) size);
    }

    /** Deletes the temporary file, if there is one. */
    @Override
    public void close() throws IOException {
        try {
            if (fileOut != null) {
                fileOut.close();
            }
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
