package io.fixbridge.venue.ccxt;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.venue.kit.json.VenueJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Our fixtures: whole sidecar protocol lines (answers {@code {"id","ok","result"|"error"}} and events
 * {@code {"event",...}}) captured from the real sidecar and ccxt 4.5.84 against the project's Binance and
 * Bybit simulators, in {@code src/test/resources/fixtures/sidecar_{method}_{exchange}[_{case}].json}.
 */
final class Fixtures {
    private Fixtures() {
    }

    static JsonNode line(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return VenueJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode result(String name) {
        JsonNode l = line(name);
        if (!l.path("ok").asBoolean()) {
            throw new IllegalArgumentException(name + " is not a success answer");
        }
        return l.get("result");
    }

    static BridgeError error(String name) {
        return BridgeClient.error(line(name).get("error"));
    }

    static <T> T as(JsonNode n, Class<T> type) {
        try {
            return VenueJson.mapper().treeToValue(n, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> List<T> list(JsonNode n, Class<T> type) {
        List<T> out = new ArrayList<>();
        n.forEach(x -> out.add(as(x, type)));
        return out;
    }
}
