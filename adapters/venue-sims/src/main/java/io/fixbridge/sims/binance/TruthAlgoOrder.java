package io.fixbridge.sims.binance;

import java.math.BigDecimal;

/**
 * One USD-M conditional (algo) order as the simulator's algo service holds it. Immutable.
 *
 * @param algoId        algo id
 * @param clientAlgoId  client algo id
 * @param symbol        Binance symbol
 * @param type          STOP_MARKET, TAKE_PROFIT_MARKET, STOP or TAKE_PROFIT
 * @param side          BUY or SELL
 * @param status        NEW, CANCELED, TRIGGERING, TRIGGERED, FINISHED, REJECTED or EXPIRED
 * @param quantity      quantity (null with closePosition)
 * @param triggerPrice  trigger price
 * @param price         limit price, or null
 * @param actualOrderId id of the order placed on trigger, or -1
 */
public record TruthAlgoOrder(long algoId, String clientAlgoId, String symbol, String type, String side,
                             String status, BigDecimal quantity, BigDecimal triggerPrice, BigDecimal price,
                             long actualOrderId) {
}
