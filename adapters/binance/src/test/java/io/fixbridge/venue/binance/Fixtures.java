package io.fixbridge.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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
            return BinanceJson.tree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP fixture's body as {@code type}. */
    static <T> T body(String name, Class<T> type) {
        return BinanceJson.convert(file(name).get("body"), type);
    }

    /** An HTTP fixture's body as text, as it travels. */
    static String bodyText(String name) {
        return file(name).get("body").toString();
    }

    /** A WebSocket fixture's frame as text, as it travels. */
    static String frame(String name) {
        return file(name).get("frame").toString();
    }

    /** One case of a fixture holding {@code cases}. */
    static JsonNode errorCase(String file, String caseName) {
        for (JsonNode c : file(file).get("cases")) {
            if (c.get("name").asText().equals(caseName)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no case " + caseName + " in " + file);
    }
}
