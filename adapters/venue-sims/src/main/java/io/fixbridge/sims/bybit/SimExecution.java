package io.fixbridge.sims.bybit;

import java.math.BigDecimal;

/**
 * One fill of one order as Bybit reports it in {@code execution} messages and
 * {@code /v5/execution/list}. Immutable.
 *
 * @param execId      Bybit's execution id (UUID for derivatives, a number for spot)
 * @param tradeId     the engine's trade id (both sides of a trade share it)
 * @param order       the order it filled
 * @param orderPrice  the order's price at the time
 * @param orderQty    the order's quantity at the time
 * @param price       execPrice
 * @param qty         execQty
 * @param value       execValue: qty * price (linear, spot) or qty / price (inverse, in the base coin)
 * @param fee         execFee
 * @param feeRate     the maker or taker rate applied
 * @param feeCurrency the coin the fee was charged in
 * @param maker       isMaker
 * @param leavesQty   what the order had left after this fill
 * @param closedSize  the part of the fill that reduced a position (derivatives)
 * @param execPnl     the PnL this fill realised, before fees (derivatives)
 * @param markPrice   the mark price at the time
 * @param seq         the account's sequence number
 * @param time        execTime, epoch milliseconds
 */
record SimExecution(String execId, String tradeId, SimOrder order, BigDecimal orderPrice, BigDecimal orderQty,
                    BigDecimal price, BigDecimal qty, BigDecimal value, BigDecimal fee, BigDecimal feeRate,
                    String feeCurrency, boolean maker, BigDecimal leavesQty, BigDecimal closedSize,
                    BigDecimal execPnl, BigDecimal markPrice, long seq, long time) {
}
