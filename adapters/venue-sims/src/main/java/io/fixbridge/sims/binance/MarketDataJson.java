package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.sims.common.BookFeed;
import io.fixbridge.venue.Side;
import io.fixbridge.venue.paper.engine.PublicTrade;

import java.math.BigDecimal;
import java.util.List;

/**
 * Binance's public market data JSON, field for field: the REST depth snapshots
 * ({@code GET /api/v3/depth}, {@code GET /fapi/v1/depth}), diff-depth events ({@code depthUpdate},
 * spot without and futures with {@code T} and {@code pu}), spot {@code trade} events and
 * {@code aggTrade} events (spot with the ignored {@code M}). Numbers print as each market prints
 * them (spot eight decimals, futures plain). Stateless.
 */
final class MarketDataJson {
    private MarketDataJson() {
    }

    /** {@code GET /api/v3/depth}: {@code {"lastUpdateId","bids","asks"}}. */
    static ObjectNode spotDepth(BookFeed.Snapshot s) {
        ObjectNode n = Json.object();
        n.put("lastUpdateId", s.lastId());
        n.set("bids", levels(s.bids(), Market.SPOT));
        n.set("asks", levels(s.asks(), Market.SPOT));
        return n;
    }

    /** {@code GET /fapi/v1/depth}: {@code {"lastUpdateId","E","T","bids","asks"}}. */
    static ObjectNode futuresDepth(BookFeed.Snapshot s, long eventTime, long transactionTime) {
        ObjectNode n = Json.object();
        n.put("lastUpdateId", s.lastId());
        n.put("E", eventTime);
        n.put("T", transactionTime);
        n.set("bids", levels(s.bids(), Market.FUTURES));
        n.set("asks", levels(s.asks(), Market.FUTURES));
        return n;
    }

    /**
     * A diff-depth event covering update ids {@code first..last}: spot
     * {@code {"e","E","s","U","u","b","a"}}, futures {@code {"e","E","T","s","U","u","pu","b","a"}}.
     */
    static ObjectNode depthUpdate(Market market, String symbol, long eventTime, long transactionTime, long first,
                                  long last, long previous, List<BookFeed.Level> bids, List<BookFeed.Level> asks) {
        ObjectNode n = Json.object();
        n.put("e", "depthUpdate");
        n.put("E", eventTime);
        if (market == Market.FUTURES) {
            n.put("T", transactionTime);
        }
        n.put("s", symbol);
        n.put("U", first);
        n.put("u", last);
        if (market == Market.FUTURES) {
            n.put("pu", previous);
        }
        n.set("b", levels(bids, market));
        n.set("a", levels(asks, market));
        return n;
    }

    /** Spot {@code <symbol>@trade}: {@code {"e","E","s","t","p","q","T","m","M"}}. */
    static ObjectNode trade(String symbol, PublicTrade t, long eventTime) {
        ObjectNode n = Json.object();
        n.put("e", "trade");
        n.put("E", eventTime);
        n.put("s", symbol);
        n.put("t", SpotVenue.tradeId(t.tradeId()));
        n.put("p", Fmt.spot(t.price()));
        n.put("q", Fmt.spot(t.quantity()));
        n.put("T", t.timestamp().toEpochMilli());
        n.put("m", buyerIsMaker(t));
        n.put("M", true);
        return n;
    }

    /**
     * {@code <symbol>@aggTrade}: {@code {"e","E","s","a","p","q","f","l","T","m"}} plus the ignored
     * {@code "M":true} on spot. One engine trade is one aggregate ({@code f == l}).
     */
    static ObjectNode aggTrade(Market market, String symbol, long aggregateId, PublicTrade t, long eventTime) {
        long id = SpotVenue.tradeId(t.tradeId());
        ObjectNode n = Json.object();
        n.put("e", "aggTrade");
        n.put("E", eventTime);
        n.put("s", symbol);
        n.put("a", aggregateId);
        n.put("p", number(t.price(), market));
        n.put("q", number(t.quantity(), market));
        n.put("f", id);
        n.put("l", id);
        n.put("T", t.timestamp().toEpochMilli());
        n.put("m", buyerIsMaker(t));
        if (market == Market.SPOT) {
            n.put("M", true);
        }
        return n;
    }

    /** The buyer made the trade when the taker sold. */
    private static boolean buyerIsMaker(PublicTrade t) {
        return t.takerSide() == Side.SELL;
    }

    private static ArrayNode levels(List<BookFeed.Level> levels, Market market) {
        ArrayNode arr = Json.array();
        for (BookFeed.Level level : levels) {
            ArrayNode row = arr.addArray();
            row.add(number(level.price(), market));
            row.add(number(level.size(), market));
        }
        return arr;
    }

    private static String number(BigDecimal value, Market market) {
        return market == Market.SPOT ? Fmt.spot(value) : Fmt.plain(value);
    }
}
