package wharf.graph.internal;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A tar reader that tells a bad archive from a failing disk: every failure while reading the
 * archive (a malformed header, a truncated or corrupt stream) is a {@link Corrupt}, which
 * callers report as the client's error. It also notices truncation commons-compress lets
 * pass: a stream that ends inside a header record is taken for the end of the archive there,
 * where Go's reader (and so dockerd) sees an unexpected EOF. Tar streams are whole 512-byte
 * records, so a stream that ended off a record boundary was cut.
 */
final class TarReader implements AutoCloseable {
    private static final int RECORD = 512;

    private final Counting counting;
    private final TarArchiveInputStream tar;
    private final InputStream content;

    TarReader(InputStream in) {
        this.counting = new Counting(in);
        this.tar = new TarArchiveInputStream(counting, StandardCharsets.UTF_8.name());
        this.content = corruptOnFailure(tar);
    }

    /** The archive could not be read: malformed, truncated, or its stream failed. */
    static final class Corrupt extends IOException {
        private static final long serialVersionUID = 1L;

        Corrupt(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The next entry, or null at the end of a complete archive. */
    TarArchiveEntry next() throws Corrupt {
        TarArchiveEntry e;
        try {
            e = tar.getNextEntry();
        } catch (IOException | IllegalArgumentException ex) {
            // commons-compress reports some malformed headers as IllegalArgumentException
            throw new Corrupt(ex.getMessage(), ex);
        }
        if (e == null && counting.ended && counting.count % RECORD != 0) {
            throw new Corrupt("unexpected EOF", new EOFException("the tar stream ends inside a header"));
        }
        return e;
    }

    /** The current entry's content; read failures are {@link Corrupt}. */
    InputStream content() {
        return content;
    }

    /** The stream, with every read failure turned into {@link Corrupt}. */
    static InputStream corruptOnFailure(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException | IllegalArgumentException e) {
                    throw e instanceof Corrupt c ? c : new Corrupt(e.getMessage(), e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException | IllegalArgumentException e) {
                    throw e instanceof Corrupt c ? c : new Corrupt(e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                // the owner of the underlying stream closes it
            }
        };
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    private static final class Counting extends FilterInputStream {
        long count;
        boolean ended;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                ended = true;
            } else {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
                ended = true;
            } else {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
