package io.fixbridge.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fixbridge.venue.kit.json.VenueJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;

/**
 * Binance JSON through the kit's {@link VenueJson} mapper: decimals as {@link java.math.BigDecimal}
 * (never through double), unknown fields ignored, records by their components. Parse failures name
 * the expected type, never the text (which may echo request data). Thread-safe.
 */
public final class BinanceJson {
    private static final ObjectMapper MAPPER = VenueJson.mapper();

    private BinanceJson() {
    }

    /** The shared mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses {@code json} as {@code type}. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Binance sent JSON that does not parse as " + type.getSimpleName()
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Converts a parsed tree to {@code type}. */
    public static <T> T convert(JsonNode node, Class<T> type) {
        return MAPPER.convertValue(node, type);
    }

    /** Parses {@code json} as a tree. */
    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Binance sent JSON that does not parse: " + e.getOriginalMessage(), e);
        }
    }
}
