package wharf.routes.images.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.engine.api.image.AuthConfig;

/**
 * The {@code X-Registry-Auth} header: base64url of the credentials' JSON, {@code e30=} ({@code {}})
 * when the client is not logged in. As dockerd does for pull, push and search, a header that does
 * not decode means anonymous rather than an error, so clients that send placeholders keep working.
 */
final class RegistryAuth {
    static final String HEADER = "X-Registry-Auth";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryAuth.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryAuth() {
    }

    static AuthConfig decode(String header) {
        if (header == null || header.isBlank()) {
            return AuthConfig.ANONYMOUS;
        }
        try {
            AuthConfig auth = JSON.readValue(base64(header.trim()), AuthConfig.class);
            return auth == null ? AuthConfig.ANONYMOUS : auth;
        } catch (IllegalArgumentException | IOException e) {
            LOG.debug("{} does not decode, using no credentials: {}", HEADER, e.getMessage());
            return AuthConfig.ANONYMOUS;
        }
    }

    /** The URL-safe alphabet clients should use, or the standard one some send instead. */
    private static byte[] base64(String text) {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return Base64.getDecoder().decode(text);
        }
    }
}
