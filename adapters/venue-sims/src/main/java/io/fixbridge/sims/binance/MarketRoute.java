package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.ControlError;
import io.fixbridge.sims.common.ControlRequest;
import io.fixbridge.sims.common.SimJson;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code GET|POST /_sim/market}: reads or moves one symbol's market.
 *
 * <p>{@code POST {"symbol":"BTCUSDT","price":"59000"[,"market":"spot"|"futures"]}} moves the
 * synthetic mid of the symbol to {@code price} in the named market, or without {@code market} in
 * every market that lists the symbol (spot first), through {@link MarketControl#moveMidTo}: the
 * market maker withdraws its quotes and quotes again around the new mid, participant orders the
 * new quotes cross trade at their own price (user-data events go out), stop and algo orders whose
 * trigger the new price crosses fire. {@code price} is a decimal string (a JSON number is taken
 * too); it must be a positive multiple of every moved market's tick size and high enough for the
 * market maker's lowest level. Every moved market is checked before any moves, so a 400 means
 * nothing moved.
 *
 * <p>Both answer the top of the book: {@code {"symbol","market","bid","ask","mid","last",
 * "markets":[{"market","bid","ask","mid","last"},...]}}, the top-level values being those of the
 * first market in {@code markets}; {@code bid}/{@code ask} are null when that side of the book is
 * empty. An unknown symbol or market, a missing or bad price, or an unknown key is 400.
 *
 * <p>{@code POST /_sim/book-gap} withholds a symbol's next diff-depth update (see {@link #bookGap}).
 *
 * <p><b>Threading:</b> immutable; runs on the control plane's thread and waits for the engine.
 */
final class MarketRoute {
    private final List<MarketControl> markets;

    MarketRoute(List<MarketControl> markets) {
        this.markets = List.copyOf(markets);
    }

    /** {@code GET /_sim/market?symbol=S[&market=M]}. */
    ObjectNode get(ControlRequest request) {
        String symbol = request.requireQuery("symbol");
        List<MarketControl> chosen = choose(symbol, request.query().get("market"));
        List<TopOfBook> tops = new ArrayList<>();
        chosen.forEach(m -> tops.add(m.top(symbol)));
        return json(tops);
    }

    /** {@code POST /_sim/market {"symbol":S,"price":P[,"market":M]}}. */
    ObjectNode post(ControlRequest request) {
        ObjectNode body = request.jsonObject();
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!List.of("symbol", "price", "market").contains(key)) {
                throw ControlError.badRequest("unknown key '" + key + "'; allowed keys: symbol, price, market");
            }
        }
        JsonNode symbolNode = body.get("symbol");
        if (symbolNode == null || !symbolNode.isTextual() || symbolNode.asText().isBlank()) {
            throw ControlError.badRequest("'symbol' is required, a string such as \"BTCUSDT\"");
        }
        JsonNode marketNode = body.get("market");
        if (marketNode != null && !marketNode.isTextual()) {
            throw ControlError.badRequest("'market' must be \"spot\" or \"futures\", got " + marketNode);
        }
        String symbol = symbolNode.asText();
        List<MarketControl> chosen = choose(symbol, marketNode == null ? null : marketNode.asText());
        BigDecimal price = price(body.get("price"));
        List<TopOfBook> tops = new ArrayList<>();
        try {
            chosen.forEach(m -> m.checkMidTarget(symbol, price));
            chosen.forEach(m -> tops.add(m.moveMidTo(symbol, price)));
        } catch (IllegalArgumentException e) {
            throw ControlError.badRequest("'price' refused: " + e.getMessage());
        }
        return json(tops);
    }

    /**
     * {@code POST /_sim/book-gap {"symbol":S[,"market":"spot"|"futures"]}}: the next diff-depth
     * update of {@code S} is withheld ({@link MarketControl#dropNextBookUpdate}) in the named market,
     * or without {@code market} in every market that lists it. Answers
     * {@code {"dropped":"next","symbol":S,"markets":[...]}}.
     */
    ObjectNode bookGap(ControlRequest request) {
        ObjectNode body = request.jsonObject();
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!List.of("symbol", "market").contains(key)) {
                throw ControlError.badRequest("unknown key '" + key + "'; allowed keys: symbol, market");
            }
        }
        JsonNode symbolNode = body.get("symbol");
        if (symbolNode == null || !symbolNode.isTextual() || symbolNode.asText().isBlank()) {
            throw ControlError.badRequest("'symbol' is required, a string such as \"BTCUSDT\"");
        }
        JsonNode marketNode = body.get("market");
        if (marketNode != null && !marketNode.isTextual()) {
            throw ControlError.badRequest("'market' must be \"spot\" or \"futures\", got " + marketNode);
        }
        String symbol = symbolNode.asText();
        List<MarketControl> chosen = choose(symbol, marketNode == null ? null : marketNode.asText());
        ObjectNode n = SimJson.object();
        n.put("dropped", "next");
        n.put("symbol", symbol);
        ArrayNode dropped = n.putArray("markets");
        for (MarketControl m : chosen) {
            m.dropNextBookUpdate(symbol);
            dropped.add(m.market());
        }
        return n;
    }

    private List<MarketControl> choose(String symbol, String market) {
        if (market != null) {
            MarketControl m = markets.stream().filter(c -> c.market().equals(market)).findFirst()
                    .orElseThrow(() -> ControlError.badRequest("'market' must be \"spot\" or \"futures\", got \""
                            + market + "\""));
            if (!m.lists(symbol)) {
                throw ControlError.badRequest("'symbol': the " + market + " market does not list " + symbol
                        + "; it lists " + String.join(", ", new TreeSet<>(m.symbols())));
            }
            return List.of(m);
        }
        List<MarketControl> listing = markets.stream().filter(m -> m.lists(symbol)).toList();
        if (listing.isEmpty()) {
            StringBuilder known = new StringBuilder();
            for (MarketControl m : markets) {
                known.append(known.length() == 0 ? "" : "; ").append(m.market()).append(": ")
                        .append(String.join(", ", new TreeSet<>(m.symbols())));
            }
            throw ControlError.badRequest("'symbol': unknown symbol " + symbol + "; listed are " + known);
        }
        return listing;
    }

    private static BigDecimal price(JsonNode node) {
        String text;
        if (node == null || node.isNull()) {
            throw ControlError.badRequest("'price' is required, a decimal string such as \"59000.5\"");
        } else if (node.isTextual()) {
            text = node.asText();
        } else if (node.isNumber()) {
            text = node.decimalValue().toPlainString();
        } else {
            throw ControlError.badRequest("'price' must be a decimal string such as \"59000.5\", got " + node);
        }
        BigDecimal price = Fmt.parseDecimal(text);
        if (price == null || price.signum() <= 0) {
            throw ControlError.badRequest("'price' must be a positive decimal such as \"59000.5\" (digits, "
                    + "optional fraction, no sign or exponent), got \"" + text + "\"");
        }
        return price;
    }

    private static ObjectNode json(List<TopOfBook> tops) {
        TopOfBook first = tops.get(0);
        ObjectNode n = SimJson.object();
        n.put("symbol", first.symbol());
        fill(n, first);
        ArrayNode all = n.putArray("markets");
        tops.forEach(t -> fill(all.addObject(), t));
        return n;
    }

    private static void fill(ObjectNode n, TopOfBook t) {
        n.put("market", t.market());
        n.put("bid", t.bid() == null ? null : SimJson.plain(t.bid()));
        n.put("ask", t.ask() == null ? null : SimJson.plain(t.ask()));
        n.put("mid", SimJson.plain(t.mid()));
        n.put("last", SimJson.plain(t.last()));
    }
}
