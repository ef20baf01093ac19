package wharf.graph.internal.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** sha256 digests as the distribution spec writes them, {@code sha256:<64 hex>}. */
public final class Digests {
    private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private Digests() {
    }

    /** A fresh sha256 hasher. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String of(byte[] content) {
        return format(sha256().digest(content));
    }

    /** {@code sha256:} and the hash in lower-case hex. */
    public static String format(byte[] hash) {
        return "sha256:" + HEX.formatHex(hash);
    }

    /** True for a well-formed sha256 digest, the only algorithm this client fetches by. */
    public static boolean isSha256(String digest) {
        return digest != null && SHA256.matcher(digest).matches();
    }

    /**
     * Refuses anything but a well-formed sha256 digest before it goes into a URL or a file name.
     *
     * @throws IllegalArgumentException naming the value
     */
    public static String require(String digest) {
        if (!isSha256(digest)) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        return digest;
    }

    /** The first 12 hex digits, as dockerd names layers in progress messages. */
    public static String shortId(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    /**
     * The chain IDs of a layer stack: the first is its diff ID, each next one the sha256 of
     * {@code "<parent chain ID> <diff ID>"} (the image spec's ChainID, what layer stores key by).
     */
    public static List<String> chainIds(List<String> diffIds) {
        List<String> chain = new ArrayList<>(diffIds.size());
        String parent = null;
        for (String diffId : diffIds) {
            parent = parent == null ? diffId : of((parent + " " + diffId).getBytes(StandardCharsets.US_ASCII));
            chain.add(parent);
        }
        return chain;
    }
}
