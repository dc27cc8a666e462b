package io.fixbridge.sims.binance;

import io.fixbridge.venue.Side;

import java.math.BigDecimal;

/**
 * A validated new USD-M futures order in Binance's terms, before it reaches the engine. Immutable.
 *
 * @param listing       the symbol
 * @param side          side
 * @param type          {@code LIMIT} or {@code MARKET}
 * @param timeInForce   {@code GTC}, {@code IOC}, {@code FOK}, {@code GTX} or {@code GTD} ({@code GTC} for market)
 * @param quantity      quantity
 * @param price         limit price, or null
 * @param reduceOnly    the reduceOnly flag as sent
 * @param positionSide  {@code BOTH}, {@code LONG} or {@code SHORT}; null when not sent
 * @param clientOrderId client order id (sent or generated)
 * @param respType      {@code ACK} or {@code RESULT}
 * @param goodTillDate  GTD expiry in epoch milliseconds, or 0
 * @param stpMode       self-trade prevention mode as sent
 */
record FuturesOrderSpec(FuturesListing listing, Side side, String type, String timeInForce, BigDecimal quantity,
                        BigDecimal price, boolean reduceOnly, String positionSide, String clientOrderId,
                        String respType, long goodTillDate, String stpMode) {

    boolean isMarket() {
        return "MARKET".equals(type);
    }
}
