package wharf.graph.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import wharf.common.AtomicFiles;
import wharf.graph.internal.registry.BlobWriter;
import wharf.graph.internal.registry.DigestMismatchException;

/**
 * Content-addressed files under {@code blobs/sha256/<hex>}: image configs, manifests and layer
 * tars as they arrived (compressed or not). A blob appears whole or not at all: it is written
 * elsewhere, synced, and renamed into place.
 * <p>
 * It is also the registry client's blob store, so a pull downloads straight into it and a push
 * uploads from it: there is one blob store, whoever writes.
 */
final class BlobStore implements wharf.graph.internal.registry.BlobStore {
    private final Path dir;
    private final Staging staging;

    BlobStore(Path dir, Staging staging) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.staging = staging;
    }

    Path path(String digest) {
        return dir.resolve(Digests.hex(digest));
    }

    @Override
    public boolean has(String digest) {
        return Files.isRegularFile(path(digest));
    }

    @Override
    public long size(String digest) throws IOException {
        return Files.size(path(digest));
    }

    /** Stores the bytes under their digest (a no-op when present) and returns the digest. */
    String put(byte[] content) throws IOException {
        String digest = Digests.of(content);
        if (!has(digest)) {
            AtomicFiles.write(path(digest), content);
        }
        return digest;
    }

    /**
     * Moves a staged file whose digest the caller computed into place; when the blob is already
     * there the staged copy is simply dropped.
     */
    void adopt(Path staged, String digest) throws IOException {
        if (staged.equals(path(digest))) {
            return;
        }
        if (has(digest)) {
            Files.deleteIfExists(staged);
            return;
        }
        AtomicFiles.sync(staged);
        AtomicFiles.move(staged, path(digest));
    }

    @Override
    public InputStream open(String digest) throws IOException {
        return Files.newInputStream(path(digest));
    }

    /** Writes into the staging area and {@linkplain #adopt adopts} the file once its digest checks out. */
    @Override
    public BlobWriter create(String digest, long size) throws IOException {
        Digests.hex(digest); // refuses a malformed digest before any file is made for it
        return new StagedWriter(staging.newFile("blob"), digest, size);
    }

    byte[] read(String digest) throws IOException {
        return Files.readAllBytes(path(digest));
    }

    void delete(String digest) throws IOException {
        Files.deleteIfExists(path(digest));
    }

    /** Every digest stored. */
    Set<String> digests() throws IOException {
        Set<String> out = new HashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                String d = Digests.SHA256 + f.getFileName();
                if (Digests.valid(d)) {
                    out.add(d);
                }
            });
        } catch (NoSuchFileException e) {
            return out;
        }
        return out;
    }

    Staging staging() {
        return staging;
    }

    /** A blob on its way in: hashed as written, published by {@link #commit()}, else removed. */
    private final class StagedWriter implements BlobWriter {
        private final Path file;
        private final String digest;
        private final long size;
        private final OutputStream out;
        private final MessageDigest sha = Digests.sha256();
        private long written;
        private boolean done;

        StagedWriter(Path file, String digest, long size) throws IOException {
            this.file = file;
            this.digest = digest;
            this.size = size;
            this.out = Files.newOutputStream(file);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            sha.update(bytes, offset, length);
            out.write(bytes, offset, length);
            written += length;
        }

        @Override
        public void commit() throws IOException {
            out.close();
            String actual = Digests.of(sha);
            if (!actual.equals(digest) || (size >= 0 && written != size)) {
                throw new DigestMismatchException(digest, actual);
            }
            adopt(file, digest);
            done = true;
        }

        @Override
        public void close() throws IOException {
            if (done) {
                return;
            }
            done = true;
            try {
                out.close();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
