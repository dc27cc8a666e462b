package io.fixbridge.sims.binance;

import io.fixbridge.venue.Side;

import java.math.BigDecimal;

/**
 * A validated new spot order in Binance's terms, before it reaches the engine. Immutable.
 *
 * @param listing          the symbol
 * @param side             side
 * @param type             Binance order type ({@code LIMIT}, {@code LIMIT_MAKER}, {@code STOP_LOSS}, ...)
 * @param timeInForce      Binance time in force as reported ({@code GTC} for types that take none)
 * @param quantity         base quantity, or null for a quote-quantity market order
 * @param quoteOrderQty    quote quantity of a market order, or null
 * @param price            limit price, or null
 * @param stopPrice        trigger price, or null
 * @param icebergQty       iceberg display quantity, or null
 * @param clientOrderId    the client order id (sent or generated)
 * @param respType         {@code ACK}, {@code RESULT} or {@code FULL}
 * @param stpMode          self-trade prevention mode as sent ({@code NONE} by default)
 * @param strategyId       strategyId as sent, or null
 * @param strategyType     strategyType as sent, or null
 */
record SpotOrderSpec(SpotListing listing, Side side, String type, String timeInForce, BigDecimal quantity,
                     BigDecimal quoteOrderQty, BigDecimal price, BigDecimal stopPrice, BigDecimal icebergQty,
                     String clientOrderId, String respType, String stpMode, Long strategyId,
                     Long strategyType) {

    boolean isMarket() {
        return "MARKET".equals(type);
    }

    boolean isConditional() {
        return type.startsWith("STOP_LOSS") || type.startsWith("TAKE_PROFIT");
    }

    SpotOrderSpec withQuantity(BigDecimal q) {
        return new SpotOrderSpec(listing, side, type, timeInForce, q, quoteOrderQty, price, stopPrice, icebergQty,
                clientOrderId, respType, stpMode, strategyId, strategyType);
    }
}
