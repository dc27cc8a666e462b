package io.fixbridge.sims.bybit;

import java.math.BigDecimal;

/**
 * One fill as the simulator really booked it. Immutable.
 *
 * @param execId      Bybit's execution id (as on the wire)
 * @param tradeId     the engine's trade id (shared by both sides)
 * @param price       execPrice
 * @param qty         execQty (base units or contracts)
 * @param value       execValue (quote coin; base coin for inverse)
 * @param fee         execFee
 * @param feeCurrency the coin the fee was charged in
 * @param feeRate     the rate applied
 * @param maker       isMaker
 * @param execPnl     realised PnL of this fill before fees (derivatives; zero on spot)
 * @param time        execTime, epoch milliseconds
 */
public record TruthExecution(String execId, String tradeId, BigDecimal price, BigDecimal qty, BigDecimal value,
                             BigDecimal fee, String feeCurrency, BigDecimal feeRate, boolean maker, BigDecimal execPnl,
                             long time) {
}
