package wharf.routes.containers.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.container.CreateContainer;
import wharf.engine.api.container.HostConfig;
import wharf.engine.api.image.ContainerConfig;
import wharf.server.api.ApiRequest;
import wharf.server.api.ApiVersion;

/**
 * The body of {@code POST /containers/create}: the {@code Config} fields at the top level beside
 * {@code HostConfig} and {@code NetworkingConfig} (moby's {@code CreateRequest} embeds the config).
 * Both halves are read from one tree; {@code NetworkingConfig} has no use here yet. Fields an older
 * API version did not have are dropped before reading, as moby's create route does.
 */
final class CreateBody {
    private static final ApiVersion V1_25 = new ApiVersion(1, 25);
    private static final ApiVersion V1_42 = new ApiVersion(1, 42);
    private static final ApiVersion V1_44 = new ApiVersion(1, 44);

    private CreateBody() {
    }

    static CreateContainer parse(ApiRequest req) {
        JsonNode body = req.json(JsonNode.class);
        if (body == null || body.isMissingNode()) {
            throw new InvalidParameterError("invalid JSON: got EOF while reading request body");
        }
        if (body.isNull()) {
            throw new InvalidParameterError("config cannot be empty in order to create a container");
        }
        if (!body.isObject()) {
            throw new InvalidParameterError("invalid JSON: cannot unmarshal " + body.getNodeType().name().toLowerCase(
                    java.util.Locale.ROOT) + " into Go value of type container.CreateRequest");
        }
        ObjectNode tree = (ObjectNode) body;
        dropNewerFields(tree, req.version());
        JsonNode host = tree.get("HostConfig");
        try {
            ContainerConfig config = Json.MAPPER.treeToValue(tree, ContainerConfig.class);
            HostConfig hostConfig = host == null || host.isNull() ? HostConfig.empty()
                    : Json.MAPPER.treeToValue(host, HostConfig.class);
            return new CreateContainer(req.query("name", ""), config, hostConfig);
        } catch (JsonProcessingException e) {
            throw new InvalidParameterError("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void dropNewerFields(ObjectNode tree, ApiVersion version) {
        if (tree.get("HostConfig") instanceof ObjectNode host) {
            if (version.isBefore(V1_25)) {
                // with API 1.24 and older the client removes the container itself
                host.remove("AutoRemove");
            }
            if (version.isBefore(V1_42)) {
                // the Linux daemon ignored ConsoleSize before API 1.42
                host.remove("ConsoleSize");
            }
        }
        if (version.isBefore(V1_44) && tree.get("Healthcheck") instanceof ObjectNode health) {
            health.remove("StartInterval");
        }
    }
}
