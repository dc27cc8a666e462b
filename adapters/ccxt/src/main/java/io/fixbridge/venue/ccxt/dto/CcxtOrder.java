package io.fixbridge.venue.ccxt.dto;

import java.math.BigDecimal;
import java.util.List;

/**
 * A ccxt unified order.
 *
 * @param id            the exchange's order id
 * @param clientOrderId the client order id, or null
 * @param status        {@code open}, {@code closed}, {@code canceled}, {@code expired}, {@code rejected} (or null
 *                      where ccxt does not know, e.g. an acknowledgement)
 * @param trades        the order's trades where the answer carried them (e.g. Binance FULL responses), else empty
 */
public record CcxtOrder(String id, String clientOrderId, String symbol, String type, String side, String status,
                        BigDecimal price, BigDecimal average, BigDecimal amount, BigDecimal filled,
                        BigDecimal remaining, BigDecimal cost, BigDecimal triggerPrice, Boolean reduceOnly,
                        Boolean postOnly, String timeInForce, Long timestamp, Long lastTradeTimestamp, CcxtFee fee,
                        List<CcxtTrade> trades) {
    public CcxtOrder {
        trades = trades == null ? List.of() : List.copyOf(trades);
    }
}
