package wharf.graph.internal.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The simplest {@link BlobStore} that keeps the contract: files named by digest, written to a
 * temporary file, checked, forced to disk and renamed into place. For tests it counts writers
 * per digest and can hold writes of chosen blobs until released, to line up concurrent pulls.
 */
final class FileBlobStore implements BlobStore {
    private final Path blobs;
    private final Path tmp;
    private final Map<String, AtomicInteger> creates = new ConcurrentHashMap<>();
    private volatile Set<String> gated = Set.of();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    FileBlobStore(Path root) throws IOException {
        this.blobs = Files.createDirectories(root.resolve("sha256"));
        this.tmp = Files.createDirectories(root.resolve("tmp"));
    }

    /** Writes of these blobs wait until {@link #release()}. */
    void hold(Set<String> digests) {
        gate = new CountDownLatch(1);
        gated = Set.copyOf(digests);
    }

    void release() {
        gate.countDown();
    }

    /** How many writers were opened for a digest. */
    int creates(String digest) {
        AtomicInteger n = creates.get(digest);
        return n == null ? 0 : n.get();
    }

    /** Temporary files left behind. */
    long temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.count();
        }
    }

    byte[] read(String digest) throws IOException {
        return Files.readAllBytes(path(digest));
    }

    /** Adds a blob directly, as the store would after a load. */
    String put(byte[] content) throws IOException {
        String digest = Digests.of(content);
        try (BlobWriter w = create(digest, content.length)) {
            w.write(content, 0, content.length);
            w.commit();
        }
        return digest;
    }

    @Override
    public boolean has(String digest) {
        return Files.isRegularFile(path(digest));
    }

    @Override
    public long size(String digest) throws IOException {
        return Files.size(path(digest));
    }

    @Override
    public InputStream open(String digest) throws IOException {
        return Files.newInputStream(path(digest));
    }

    @Override
    public BlobWriter create(String digest, long size) throws IOException {
        Path target = path(digest);
        creates.computeIfAbsent(digest, d -> new AtomicInteger()).incrementAndGet();
        Path file = Files.createTempFile(tmp, "blob-", ".part");
        OutputStream out = Files.newOutputStream(file);
        MessageDigest sha = Digests.sha256();
        boolean held = gated.contains(digest);
        CountDownLatch latch = gate;
        return new BlobWriter() {
            private long written;
            private boolean committed;
            private boolean closed;

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (held) {
                    try {
                        latch.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while held");
                    }
                }
                sha.update(bytes, offset, length);
                out.write(bytes, offset, length);
                written += length;
            }

            @Override
            public void commit() throws IOException {
                out.close();
                String actual = Digests.format(sha.digest());
                if (!actual.equals(digest) || (size >= 0 && written != size)) {
                    throw new DigestMismatchException(digest, actual);
                }
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                try {
                    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException e) {
                    Files.deleteIfExists(file);
                }
                committed = true;
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                out.close();
                if (!committed) {
                    Files.deleteIfExists(file);
                }
            }
        };
    }

    private Path path(String digest) {
        return blobs.resolve(Digests.require(digest).substring("sha256:".length()));
    }
}
