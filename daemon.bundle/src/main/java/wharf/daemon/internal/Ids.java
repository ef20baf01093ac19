package wharf.daemon.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Container IDs as moby's {@code stringid}: 64 random hex digits. */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /**
     * A new ID whose 12-digit short form is not all digits, so that it never reads as a number
     * (moby's {@code GenerateRandomID} retries for the same reason).
     */
    static String generate() {
        while (true) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String id = HexFormat.of().formatHex(bytes);
            if (!id.substring(0, 12).chars().allMatch(Character::isDigit)) {
                return id;
            }
        }
    }

    static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
