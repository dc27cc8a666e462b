package io.fixbridge.sims.binance;

import java.math.BigDecimal;

/**
 * One fill of one spot order as Binance reports it in {@code fills[]}, executionReport and
 * {@code myTrades}. Immutable.
 *
 * @param tradeId         Binance trade id (both sides of a trade share it)
 * @param orderId         the order it filled
 * @param price           trade price
 * @param qty             traded quantity
 * @param quoteQty        {@code price * qty}
 * @param commission      commission charged
 * @param commissionAsset asset the commission was charged in
 * @param maker           whether the order was the resting side
 * @param buyer           whether the order was the buy side
 * @param time            trade time in epoch milliseconds
 */
record SpotFill(long tradeId, long orderId, BigDecimal price, BigDecimal qty, BigDecimal quoteQty,
                BigDecimal commission, String commissionAsset, boolean maker, boolean buyer, long time) {
}
