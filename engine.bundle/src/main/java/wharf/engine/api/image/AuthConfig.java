package wharf.engine.api.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Registry credentials as clients send them: the {@code POST /auth} body, and the base64url
 * JSON of the {@code X-Registry-Auth} header ({@code e30=}, {@code {}}, when anonymous). Names
 * as dockerd's {@code registry.AuthConfig}. {@code auth} is base64 of {@code user:password}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AuthConfig(
        @JsonProperty("username") String username,
        @JsonProperty("password") String password,
        @JsonProperty("auth") String auth,
        @JsonProperty("email") String email,
        @JsonProperty("serveraddress") String serverAddress,
        @JsonProperty("identitytoken") String identityToken,
        @JsonProperty("registrytoken") String registryToken) {

    /** No credentials. */
    public static final AuthConfig ANONYMOUS = new AuthConfig(null, null, null, null, null, null, null);

    /** True when it carries no credential at all. */
    public boolean anonymous() {
        return isBlank(username) && isBlank(password) && isBlank(auth) && isBlank(identityToken)
                && isBlank(registryToken);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isEmpty();
    }

    @Override
    public String toString() {
        // never the secrets: this record ends up in logs and error messages
        return "AuthConfig[username=" + username + ", serveraddress=" + serverAddress + "]";
    }
}
