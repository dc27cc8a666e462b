package io.fixbridge.sims.binance;

import java.math.BigDecimal;

/**
 * One fill of one USD-M futures order as {@code /fapi/v1/userTrades} and ORDER_TRADE_UPDATE report
 * it. Immutable.
 *
 * @param tradeId         Binance trade id
 * @param orderId         the order it filled
 * @param price           trade price
 * @param qty             traded quantity
 * @param quoteQty        {@code price * qty}
 * @param commission      commission charged
 * @param commissionAsset the margin asset the commission was charged in
 * @param realizedPnl     profit realised by this fill (zero when it only opened)
 * @param maker           whether the order was the resting side
 * @param buyer           whether the order was the buy side
 * @param time            trade time in epoch milliseconds
 */
record FuturesFill(long tradeId, long orderId, BigDecimal price, BigDecimal qty, BigDecimal quoteQty,
                   BigDecimal commission, String commissionAsset, BigDecimal realizedPnl, boolean maker,
                   boolean buyer, long time) {
}
