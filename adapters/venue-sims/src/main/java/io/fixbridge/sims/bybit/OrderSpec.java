package io.fixbridge.sims.bybit;

import io.fixbridge.venue.Side;

import java.math.BigDecimal;

/**
 * A validated {@code /v5/order/create} request. Immutable.
 *
 * @param listing          the instrument
 * @param side             Buy or Sell
 * @param orderType        {@code Market} or {@code Limit}
 * @param qty              the quantity as sent (a quote amount when {@code marketUnit} is quoteCoin)
 * @param marketUnit       spot market orders: {@code baseCoin} or {@code quoteCoin}; empty otherwise
 * @param price            the limit price; null for market orders
 * @param timeInForce      GTC, IOC, FOK or PostOnly (market orders: IOC)
 * @param orderLinkId      the client's id, empty when none was sent
 * @param reduceOnly       reduce-only (derivatives; closeOnTrigger implies it)
 * @param closeOnTrigger   closeOnTrigger as sent
 * @param positionIdx      0 one-way, 1 hedge buy side, 2 hedge sell side
 * @param triggerPrice     the trigger of a conditional order, else null
 * @param triggerDirection derivatives: 1 rises, 2 falls; spot: 0 (derived from the market)
 * @param triggerBy        LastPrice, IndexPrice or MarkPrice
 * @param orderFilter      spot: Order, StopOrder or tpslOrder; derivatives: empty
 */
record OrderSpec(Listing listing, Side side, String orderType, BigDecimal qty, String marketUnit, BigDecimal price,
                 String timeInForce, String orderLinkId, boolean reduceOnly, boolean closeOnTrigger, int positionIdx,
                 BigDecimal triggerPrice, int triggerDirection, String triggerBy, String orderFilter) {

    boolean isMarket() {
        return "Market".equals(orderType);
    }
}
