package example.authz.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import wharf.server.api.AuthorizationPolicy.Decision;

/**
 * The rule on a {@code POST /containers/create} body: no {@code HostConfig.Privileged}, and no bind
 * mount whose source is the host's root, whether written as a {@code HostConfig.Binds} entry
 * ({@code /:/host}) or a {@code HostConfig.Mounts} entry of type {@code bind}.
 */
final class CreateRule {
    static final String PRIVILEGED = "privileged containers are not allowed";
    static final String ROOT_BIND = "bind mounts of the host's root (/) are not allowed";
    static final String NOT_AN_OBJECT = "the create request's body is not a JSON object";
    private static final Path ROOT = Path.of("/");

    private CreateRule() {
    }

    /** @param create the body as JSON; null or missing for an empty body */
    static Decision check(JsonNode create) {
        if (create == null || create.isMissingNode() || create.isNull()) {
            return Decision.allow();
        }
        if (!create.isObject()) {
            return Decision.deny(NOT_AN_OBJECT);
        }
        JsonNode host = create.path("HostConfig");
        // "true" as a string counts too: when in doubt, refuse
        if (host.path("Privileged").asBoolean(false)) {
            return Decision.deny(PRIVILEGED);
        }
        for (JsonNode bind : host.path("Binds")) {
            if (isRoot(bind.asText().split(":", 2)[0])) {
                return Decision.deny(ROOT_BIND);
            }
        }
        for (JsonNode mount : host.path("Mounts")) {
            if ("bind".equalsIgnoreCase(mount.path("Type").asText()) && isRoot(mount.path("Source").asText())) {
                return Decision.deny(ROOT_BIND);
            }
        }
        return Decision.allow();
    }

    /** {@code /}, and the spellings that mean it: {@code //}, {@code /.}, {@code /tmp/..}. */
    static boolean isRoot(String source) {
        return source.startsWith("/") && Path.of(source).normalize().equals(ROOT);
    }
}
