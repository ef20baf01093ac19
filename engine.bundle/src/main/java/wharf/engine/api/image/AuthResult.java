package wharf.engine.api.image;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code POST /auth}: {@code {"IdentityToken":"","Status":"Login Succeeded"}}. */
public record AuthResult(@JsonProperty("IdentityToken") String identityToken, @JsonProperty("Status") String status) {
}
