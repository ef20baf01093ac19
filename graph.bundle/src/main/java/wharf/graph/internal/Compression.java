package wharf.graph.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import wharf.engine.api.InvalidParameterError;

/** The compressions a layer or an import may come in, told apart by their magic bytes, as dockerd's {@code DecompressStream}. */
enum Compression {
    NONE("none"), GZIP("gzip"), BZIP2("bzip2"), XZ("xz"), ZSTD("zstd");

    private final String label;

    Compression(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static Compression of(String label) {
        for (Compression c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown compression " + label);
    }

    /** Peeks at the stream's first bytes; the stream must support mark. */
    static Compression detect(InputStream in) throws IOException {
        in.mark(8);
        byte[] head = in.readNBytes(6);
        in.reset();
        if (starts(head, 0x1f, 0x8b, 0x08)) {
            return GZIP;
        }
        if (starts(head, 'B', 'Z', 'h')) {
            return BZIP2;
        }
        if (starts(head, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            return XZ;
        }
        if (starts(head, 0x28, 0xb5, 0x2f, 0xfd)) {
            return ZSTD;
        }
        return NONE;
    }

    /** The uncompressed stream of a blob in this compression. */
    InputStream open(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, 65536);
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            case XZ, ZSTD -> throw new InvalidParameterError("unsupported compression format " + label);
        };
    }

    /** Detects the compression and returns what it detected with the uncompressed stream. */
    static Opened open(InputStream raw, int bufferSize) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, bufferSize);
        Compression c = detect(in);
        try {
            return new Opened(c, c.open(in));
        } catch (java.util.zip.ZipException e) {
            // a gzip header that is not one: the archive's fault
            throw new TarReader.Corrupt(e.getMessage(), e);
        }
    }

    record Opened(Compression compression, InputStream stream) {
    }

    private static boolean starts(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
