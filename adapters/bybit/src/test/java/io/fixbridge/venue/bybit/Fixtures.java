package io.fixbridge.venue.bybit;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the JSON fixtures under {@code src/test/resources/fixtures}. */
final class Fixtures {
    private Fixtures() {
    }

    /** A whole fixture file. */
    static JsonNode file(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return BybitJson.tree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP fixture's whole body (the envelope). */
    static JsonNode body(String name) {
        return file(name).get("body");
    }

    /** An HTTP fixture's {@code result}. */
    static JsonNode result(String name) {
        return body(name).get("result");
    }

    /** An HTTP fixture's {@code result.list} as {@code type}. */
    static <T> List<T> list(String name, Class<T> type) {
        return BybitJson.list(result(name), type);
    }

    /** A WebSocket fixture's frame. */
    static JsonNode frame(String name) {
        return file(name).get("frame");
    }

    /** A WebSocket fixture's frame as text, as it travels. */
    static String frameText(String name) {
        return frame(name).toString();
    }

    /** The first entry of a WebSocket fixture's {@code data} as {@code type}. */
    static <T> T data(String name, Class<T> type) {
        return BybitJson.data(frame(name), type).get(0);
    }
}
