package wharf.graph.internal.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import wharf.engine.api.image.AuthConfig;

/**
 * What a client's {@link AuthConfig} lets this client present: a user and password (given as
 * such or as {@code auth}, base64 of {@code user:password}), an identity token (an OAuth
 * refresh token from an earlier login) or a registry token (a bearer token used as it is).
 */
record Credentials(String username, String password, String identityToken, String registryToken) {
    static final Credentials NONE = new Credentials("", "", "", "");

    static Credentials of(AuthConfig auth) {
        if (auth == null) {
            return NONE;
        }
        String user = nonNull(auth.username());
        String password = nonNull(auth.password());
        if (user.isEmpty() && auth.auth() != null && !auth.auth().isEmpty()) {
            String decoded = decodeAuth(auth.auth());
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                user = decoded.substring(0, colon);
                password = decoded.substring(colon + 1);
            }
        }
        return new Credentials(user, password, nonNull(auth.identityToken()), nonNull(auth.registryToken()));
    }

    /** A user and password to send as Basic auth. */
    boolean hasBasic() {
        return !username.isEmpty();
    }

    boolean hasIdentityToken() {
        return !identityToken.isEmpty();
    }

    boolean hasRegistryToken() {
        return !registryToken.isEmpty();
    }

    String basicHeader() {
        return "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Tells credentials apart in caches without keeping them readable there: tokens fetched with
     * one user's password must never serve another's request.
     */
    String fingerprint() {
        MessageDigest sha = Digests.sha256();
        for (String part : new String[] {username, password, identityToken, registryToken}) {
            sha.update(part.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return Digests.format(sha.digest());
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + "]";
    }

    private static String decodeAuth(String auth) {
        try {
            return new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
