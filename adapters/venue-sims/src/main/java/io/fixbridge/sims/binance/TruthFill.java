package io.fixbridge.sims.binance;

import java.math.BigDecimal;

/**
 * One fill as the simulator recorded it. Immutable.
 *
 * @param tradeId         Binance trade id
 * @param price           trade price
 * @param quantity        traded quantity
 * @param commission      commission charged
 * @param commissionAsset asset of the commission
 * @param maker           whether the order was the resting side
 * @param time            trade time in epoch milliseconds
 * @param realizedPnl     futures: profit realised by the fill; spot: null
 */
public record TruthFill(long tradeId, BigDecimal price, BigDecimal quantity, BigDecimal commission,
                        String commissionAsset, boolean maker, long time, BigDecimal realizedPnl) {
}
