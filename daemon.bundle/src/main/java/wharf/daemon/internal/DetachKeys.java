package wharf.daemon.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * The key sequence that detaches a client from attach or exec without stopping the process, in
 * the format of moby's {@code term.ToBytes}: comma-separated keys, each a single character or
 * {@code ctrl-<c>} for {@code c} in {@code @ a-z [ \ ] ^ _}.
 */
final class DetachKeys {
    /** ctrl-p, ctrl-q: Docker's default. */
    static final byte[] DEFAULT = {16, 17};
    private static final String CONTROL_CHARS = "@abcdefghijklmnopqrstuvwxyz[\\]^_";

    private DetachKeys() {
    }

    /**
     * The bytes of a sequence; {@link #DEFAULT} for null or empty.
     *
     * @throws IllegalArgumentException naming the key that is not valid
     */
    static byte[] parse(String keys) {
        if (keys == null || keys.isEmpty()) {
            return DEFAULT.clone();
        }
        ByteArrayOutputStream codes = new ByteArrayOutputStream();
        for (String key : keys.split(",", -1)) {
            if (key.length() == 1) {
                codes.write(key.charAt(0));
                continue;
            }
            String lower = key.toLowerCase(Locale.ROOT);
            int control = lower.length() == 6 && lower.startsWith("ctrl-") ? CONTROL_CHARS.indexOf(lower.charAt(5)) : -1;
            if (control < 0) {
                throw new IllegalArgumentException("Unknown character: '" + key + "'");
            }
            codes.write(control);
        }
        return codes.toByteArray();
    }

    /**
     * Watches a client's input for the sequence the way moby's escape proxy does: a key counts
     * only when it arrives alone in a read, as typed keys do, so binary data piped to stdin
     * that happens to contain the bytes does not detach. Keys held back while a sequence might
     * be starting are handed on once it turns out not to be one.
     */
    static final class Matcher {
        private final byte[] keys;
        private int matched;

        Matcher(byte[] keys) {
            this.keys = keys.clone();
        }

        /**
         * The bytes of one read to pass on to the process (with any held-back keys in front),
         * or null when this read completed the sequence.
         */
        byte[] filter(byte[] buffer, int length) {
            if (keys.length == 0) {
                return Arrays.copyOf(buffer, length);
            }
            if (length == 1 && buffer[0] == keys[matched]) {
                if (matched == keys.length - 1) {
                    matched = 0;
                    return null;
                }
                matched++;
                return new byte[0];
            }
            byte[] out = new byte[matched + length];
            System.arraycopy(keys, 0, out, 0, matched);
            System.arraycopy(buffer, 0, out, matched, length);
            matched = 0;
            return out;
        }
    }
}
