package io.fixbridge.venue.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the JSON fixtures under {@code src/test/resources/fixtures} (full HTTP envelopes and WebSocket frames). */
final class Fixtures {
    private Fixtures() {
    }

    static JsonNode file(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return HyperliquidJson.tree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP fixture's response body. */
    static JsonNode body(String name) {
        return file(name).get("body");
    }

    /** An HTTP fixture's request body. */
    static JsonNode request(String name) {
        return file(name).get("request").get("body");
    }

    /** A WebSocket fixture's frame. */
    static JsonNode frame(String name) {
        return file(name).get("frame");
    }

    static <T> T body(String name, Class<T> type) {
        return HyperliquidJson.convert(body(name), type);
    }
}
