package wharf.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wharf.engine.api.Filters;
import wharf.engine.api.InvalidParameterError;

/**
 * Parses dockerd's {@code filters} JSON in both forms it accepts: the map form
 * {@code {"name":{"x":true}}} that clients send, and the list form {@code {"name":["x"]}}.
 */
final class FilterParser {
    private FilterParser() {
    }

    static Filters parse(String json) {
        if (json == null || json.isBlank()) {
            return Filters.empty();
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidParameterError("invalid filter: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidParameterError("invalid filter: expected a JSON object, got " + json);
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> list = new ArrayList<>();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                v.fields().forEachRemaining(f -> {
                    if (f.getValue().asBoolean(false)) {
                        list.add(f.getKey());
                    }
                });
            } else if (v.isArray()) {
                v.forEach(x -> list.add(x.asText()));
            } else {
                throw new InvalidParameterError("invalid filter: the value of '" + e.getKey() + "' must be a list or a map");
            }
            values.put(e.getKey(), list);
        }
        return Filters.of(values);
    }
}
