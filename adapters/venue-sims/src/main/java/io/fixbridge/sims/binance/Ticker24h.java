package io.fixbridge.sims.binance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.paper.engine.BookLevel;

import java.math.BigDecimal;

/**
 * The 24-hour ticker statistics of {@code GET /api/v3/ticker/24hr} (FULL and MINI) and
 * {@code GET /fapi/v1/ticker/24hr}, in Binance's field sets and number formats.
 *
 * <p>The simulator keeps no 24-hour statistics: the window always looks like one without trades —
 * open, high, low, previous close and last are the latest price (the last trade, else the
 * synthetic mid), changes 0, volumes 0, {@code count} 0 and {@code firstId}/{@code lastId} -1
 * (Binance's values for a window with no trades). Best bid/ask (spot FULL) come from the book.
 *
 * <p><b>Threading:</b> stateless; the callers run it on the engine thread.
 */
final class Ticker24h {
    private static final long DAY_MILLIS = 86_400_000L;

    private Ticker24h() {
    }

    /** A spot entry; {@code full} false gives the MINI field set. {@code bid}/{@code ask} may be null. */
    static ObjectNode spot(String symbol, BigDecimal last, BookLevel bid, BookLevel ask, boolean full, long now) {
        String price = Fmt.spot(last);
        String zero = Fmt.spot(BigDecimal.ZERO);
        ObjectNode n = Json.object();
        n.put("symbol", symbol);
        if (full) {
            n.put("priceChange", zero);
            n.put("priceChangePercent", "0.000");
            n.put("weightedAvgPrice", zero);
            n.put("prevClosePrice", price);
            n.put("lastPrice", price);
            n.put("lastQty", zero);
            n.put("bidPrice", bid == null ? zero : Fmt.spot(bid.price()));
            n.put("bidQty", bid == null ? zero : Fmt.spot(bid.quantity()));
            n.put("askPrice", ask == null ? zero : Fmt.spot(ask.price()));
            n.put("askQty", ask == null ? zero : Fmt.spot(ask.quantity()));
            n.put("openPrice", price);
        } else {
            n.put("openPrice", price);
        }
        n.put("highPrice", price);
        n.put("lowPrice", price);
        if (!full) {
            n.put("lastPrice", price);
        }
        n.put("volume", zero);
        n.put("quoteVolume", zero);
        window(n, now);
        return n;
    }

    /** A USD-M futures entry. */
    static ObjectNode futures(String symbol, BigDecimal last, long now) {
        String price = Fmt.plain(last);
        ObjectNode n = Json.object();
        n.put("symbol", symbol);
        n.put("priceChange", "0");
        n.put("priceChangePercent", "0.000");
        n.put("weightedAvgPrice", "0");
        n.put("lastPrice", price);
        n.put("lastQty", "0");
        n.put("openPrice", price);
        n.put("highPrice", price);
        n.put("lowPrice", price);
        n.put("volume", "0");
        n.put("quoteVolume", "0");
        window(n, now);
        return n;
    }

    private static void window(ObjectNode n, long now) {
        n.put("openTime", now - DAY_MILLIS);
        n.put("closeTime", now);
        n.put("firstId", -1);
        n.put("lastId", -1);
        n.put("count", 0);
    }
}
