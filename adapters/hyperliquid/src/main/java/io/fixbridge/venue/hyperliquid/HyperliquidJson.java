package io.fixbridge.venue.hyperliquid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.kit.json.VenueJson;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON reading and writing with the kit's mapper (BigDecimal floats, unknown fields ignored). Failures
 * are {@link IllegalArgumentException}s naming the type, never quoting the document. Thread-safe.
 */
final class HyperliquidJson {
    static final ObjectMapper MAPPER = VenueJson.mapper();

    private HyperliquidJson() {
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
    }

    static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    static <T> List<T> list(JsonNode array, Class<T> type) {
        List<T> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(convert(n, type)));
        }
        return out;
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** An info request: {@code {"type": type}} plus the given key/value pairs, in order. */
    static ObjectNode info(String type, Object... keyValues) {
        ObjectNode n = object();
        n.put("type", type);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            String k = (String) keyValues[i];
            if (v instanceof Long l) {
                n.put(k, l);
            } else if (v instanceof Integer in) {
                n.put(k, in);
            } else {
                n.put(k, String.valueOf(v));
            }
        }
        return n;
    }
}
