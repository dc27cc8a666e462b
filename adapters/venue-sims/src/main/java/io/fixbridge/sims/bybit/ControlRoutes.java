package io.fixbridge.sims.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.ControlError;
import io.fixbridge.sims.common.ControlPlane;
import io.fixbridge.sims.common.ControlRequest;
import io.fixbridge.sims.common.EngineThread;
import io.fixbridge.sims.common.SimJson;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Bybit simulator's control plane under {@code /_sim/} (JSON in and out):
 * <ul>
 *   <li>{@code GET /_sim/health} → {@code {"venue":"bybit"}};</li>
 *   <li>{@code POST /_sim/book-gap} {@code {"symbol":"BTCUSDT"[,"category":"spot|linear|inverse"]}} →
 *       {@code {"dropped":"next","symbol":"BTCUSDT","category":"linear","depths":[50]}}: the next update
 *       of the symbol's subscribed public orderbook streams is sequenced and not sent
 *       ({@link MarketControl#dropNextBookUpdate}). The category may be left out when only one
 *       category lists the symbol; an unknown symbol or category is 404 / 400 naming what is listed.</li>
 * </ul>
 *
 * <p><b>Threading:</b> stateless factory; the handlers it installs run on the control plane's
 * thread and wait for the engine thread.
 */
final class ControlRoutes {
    private ControlRoutes() {
    }

    /** A control plane with every Bybit route; the caller owns (and closes) it. */
    static ControlPlane controlPlane(Map<String, Listing> listings, PublicHub hub, EngineThread engine) {
        return new ControlPlane("bybit")
                .route("POST", "book-gap", request -> bookGap(request, listings, hub, engine));
    }

    private static ObjectNode bookGap(ControlRequest request, Map<String, Listing> listings, PublicHub hub,
                                      EngineThread engine) {
        ObjectNode body = request.jsonObject();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("symbol") && !key.equals("category")) {
                throw ControlError.badRequest("unknown key '" + key + "'; POST /_sim/book-gap takes symbol and "
                        + "category");
            }
        }
        JsonNode s = body.get("symbol");
        if (s == null || !s.isTextual() || s.asText().isBlank()) {
            throw ControlError.badRequest("'symbol' is required: the Bybit symbol, e.g. {\"symbol\":\"BTCUSDT\","
                    + "\"category\":\"linear\"}");
        }
        String symbol = s.asText();
        Listing listing = listing(listings, symbol, body.get("category"));
        List<Integer> depths = engine.await(() -> hub.dropNext(listing));
        ObjectNode answer = SimJson.object();
        answer.put("dropped", "next");
        answer.put("symbol", symbol);
        answer.put("category", listing.category().wire());
        ArrayNode d = answer.putArray("depths");
        depths.forEach(d::add);
        return answer;
    }

    private static Listing listing(Map<String, Listing> listings, String symbol, JsonNode category) {
        List<Listing> matches = new ArrayList<>();
        for (Listing l : listings.values()) {
            if (l.symbol().equals(symbol)) {
                matches.add(l);
            }
        }
        if (category != null) {
            Category c = category.isTextual() ? Category.ofWire(category.asText()) : null;
            if (c == null) {
                throw ControlError.badRequest("'category' must be spot, linear or inverse, got " + category);
            }
            matches.removeIf(l -> l.category() != c);
        }
        if (matches.isEmpty()) {
            List<String> listed = listings.values().stream().map(l -> l.category().wire() + " " + l.symbol()).toList();
            throw ControlError.notFound("the simulator does not list " + (category == null ? "" : category.asText()
                    + " ") + symbol + "; it lists " + String.join(", ", listed));
        }
        if (matches.size() > 1) {
            throw ControlError.badRequest(symbol + " is listed in " + String.join(" and ", matches.stream()
                    .map(l -> l.category().wire()).toList()) + "; say which with \"category\"");
        }
        return matches.get(0);
    }
}
