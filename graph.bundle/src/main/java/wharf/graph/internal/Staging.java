package wharf.graph.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import wharf.common.fs.FileTrees;

/**
 * The store's scratch space, {@code image/tmp}, on the same file system as the store so that
 * finished work is renamed into place. Whatever is found there at start-up is a leftover of an
 * interrupted operation and is removed.
 */
final class Staging {
    private final Path dir;

    Staging(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** Removes leftovers; only at start-up, when no operation runs. */
    void clear() throws IOException {
        try (var entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                FileTrees.delete(p);
            }
        }
    }

    /** A fresh directory of its own for one operation. */
    Path newDirectory(String purpose) throws IOException {
        return Files.createDirectory(dir.resolve(purpose + "-" + UUID.randomUUID()));
    }

    /** A fresh empty file of its own for one operation. */
    Path newFile(String purpose) throws IOException {
        return Files.createFile(dir.resolve(purpose + "-" + UUID.randomUUID()));
    }

    /** A file written from the stream, with its digest and size. */
    record StagedFile(Path path, String digest, long size) {
    }

    /** Copies the stream into a new file in the directory, hashing as it goes. */
    static StagedFile write(Path directory, String name, InputStream in) throws IOException {
        Path file = directory.resolve(name);
        Digests.Counting counting = new Digests.Counting(in);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            counting.transferTo(out);
        }
        return new StagedFile(file, counting.digest(), counting.count());
    }
}
