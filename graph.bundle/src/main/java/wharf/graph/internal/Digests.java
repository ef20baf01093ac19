package wharf.graph.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** sha256 digests as the image world writes them: {@code sha256:<64 hex>}. */
final class Digests {
    static final String SHA256 = "sha256:";
    private static final Pattern DIGEST = Pattern.compile("^sha256:[a-f0-9]{64}$");

    private Digests() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String of(byte[] data) {
        return SHA256 + HexFormat.of().formatHex(sha256().digest(data));
    }

    static String of(MessageDigest finished) {
        return SHA256 + HexFormat.of().formatHex(finished.digest());
    }

    /** True for a well-formed sha256 digest. */
    static boolean valid(String digest) {
        return digest != null && DIGEST.matcher(digest).matches();
    }

    /** The hex part; the digest must be valid (callers check untrusted ones with {@link #valid}). */
    static String hex(String digest) {
        if (!valid(digest)) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        return digest.substring(SHA256.length());
    }

    /** The first 12 hex digits, as dockerd shortens IDs. */
    static String shortId(String digest) {
        String hex = digest.startsWith(SHA256) ? digest.substring(SHA256.length()) : digest;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    /**
     * The chain ID of a layer stack (the OCI image spec): the first layer's is its diff ID, each
     * next one is {@code sha256(parentChainId + " " + diffId)}.
     */
    static String chainId(String parentChainId, String diffId) {
        if (parentChainId == null) {
            return diffId;
        }
        return of((parentChainId + " " + diffId).getBytes(StandardCharsets.UTF_8));
    }

    /** The chain IDs of every prefix of the diff IDs, bottom first. */
    static List<String> chainIds(List<String> diffIds) {
        String[] out = new String[diffIds.size()];
        String parent = null;
        for (int i = 0; i < out.length; i++) {
            parent = chainId(parent, diffIds.get(i));
            out[i] = parent;
        }
        return List.of(out);
    }

    /** Hashes and counts what passes through. */
    static final class Counting extends FilterInputStream {
        private final MessageDigest digest = sha256();
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digest.update((byte) b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipping must still hash: read through a buffer
            byte[] buf = new byte[8192];
            long left = n;
            while (left > 0) {
                int r = read(buf, 0, (int) Math.min(buf.length, left));
                if (r < 0) {
                    break;
                }
                left -= r;
            }
            return n - left;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** The digest of everything read so far; call once, at the end. */
        String digest() {
            return of(digest);
        }

        long count() {
            return count;
        }
    }
}
