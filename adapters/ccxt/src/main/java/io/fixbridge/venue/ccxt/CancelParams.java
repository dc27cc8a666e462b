package io.fixbridge.venue.ccxt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.OrderType;
import io.fixbridge.venue.kit.json.VenueJson;

import java.util.List;

/**
 * The ccxt {@code params} a cancel of a conditional (stop, stop-limit, take-profit) order needs, because
 * exchanges keep those apart from plain orders and ccxt does not always find them by id alone:
 * <ul>
 *   <li>Binance spot: none (stops are plain orders); Binance USD-M / COIN-M: {@code trigger: true} (algo orders);</li>
 *   <li>Bybit derivatives: none; Bybit spot: {@code trigger: true} (orderFilter StopOrder) for stops sent as
 *       {@code triggerPrice}, {@code orderFilter: tpslOrder} for take-profits sent as {@code takeProfitPrice};</li>
 *   <li>any other exchange: {@code trigger: true}, ccxt's unified flag for conditional orders (untested).</li>
 * </ul>
 * The exchange is known by its ccxt class chain (most specific first), so subclasses (binanceus,
 * binanceusdm ...) follow their family's rule. Plain orders never get params. Stateless.
 */
final class CancelParams {
    private CancelParams() {
    }

    static ObjectNode of(List<String> classes, MarketType market, OrderType type) {
        ObjectNode p = VenueJson.mapper().createObjectNode();
        if (type == null || !type.requiresStopPrice()) {
            return p;
        }
        String family = classes.contains("binance") ? "binance" : classes.contains("bybit") ? "bybit" : "";
        switch (family) {
            case "binance" -> {
                if (market != MarketType.SPOT) {
                    p.put("trigger", true);
                }
            }
            case "bybit" -> {
                if (market == MarketType.SPOT) {
                    if (type == OrderType.TAKE_PROFIT) {
                        p.put("orderFilter", "tpslOrder");
                    } else {
                        p.put("trigger", true);
                    }
                }
            }
            default -> p.put("trigger", true);
        }
        return p;
    }
}
