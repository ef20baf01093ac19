package wharf.graph.internal.registry;

import java.io.IOException;
import java.io.InputStream;
import wharf.engine.api.SystemError;

/** Reading small documents (manifests, configs, error bodies) whole, but never without a limit. */
final class Bounded {
    private Bounded() {
    }

    /**
     * Reads the stream to its end and closes it.
     *
     * @throws SystemError naming {@code what} when it holds more than {@code limit} bytes
     */
    static byte[] readAll(InputStream in, int limit, String what) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new SystemError(what + " is larger than " + limit + " bytes");
            }
            return bytes;
        }
    }
}
