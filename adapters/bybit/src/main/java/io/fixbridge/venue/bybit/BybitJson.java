package io.fixbridge.venue.bybit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fixbridge.venue.kit.json.VenueJson;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bybit JSON through the kit's {@link VenueJson} mapper: decimals never through double, unknown
 * fields ignored, records by their components. Parse failures name the expected type, never the
 * text (which may echo request data). Thread-safe.
 */
public final class BybitJson {
    private static final ObjectMapper MAPPER = VenueJson.mapper();

    private BybitJson() {
    }

    /** Parses {@code json} as {@code type}. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Bybit sent JSON that does not parse as " + type.getSimpleName()
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Converts a parsed tree to {@code type}. */
    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Bybit sent JSON that does not match " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Parses {@code json} as a tree. */
    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Bybit sent JSON that does not parse: " + e.getOriginalMessage(), e);
        }
    }

    /** The elements of {@code result.list} as {@code type}; empty when there is no list. */
    public static <T> List<T> list(JsonNode result, Class<T> type) {
        JsonNode list = result == null ? null : result.get("list");
        List<T> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            for (JsonNode n : list) {
                out.add(convert(n, type));
            }
        }
        return out;
    }

    /** The elements of a stream message's {@code data} array as {@code type}. */
    public static <T> List<T> data(JsonNode message, Class<T> type) {
        JsonNode data = message.get("data");
        List<T> out = new ArrayList<>();
        if (data != null && data.isArray()) {
            for (JsonNode n : data) {
                out.add(convert(n, type));
            }
        } else if (data != null && data.isObject()) {
            out.add(convert(data, type));
        }
        return out;
    }

    /** {@code result.nextPageCursor}, or an empty string. */
    public static String cursor(JsonNode result) {
        JsonNode c = result == null ? null : result.get("nextPageCursor");
        return c == null || c.isNull() ? "" : c.asText("");
    }

    /** {@code body} as compact JSON text, in the map's order: the exact text that is signed and sent. */
    public static String write(Map<String, ?> body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body: " + e.getOriginalMessage(), e);
        }
    }
}
