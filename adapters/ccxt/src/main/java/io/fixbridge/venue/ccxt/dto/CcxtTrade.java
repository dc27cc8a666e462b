package io.fixbridge.venue.ccxt.dto;

import java.math.BigDecimal;

/**
 * A ccxt unified trade of the account ({@code fetchMyTrades}, {@code watchMyTrades}, an order's trades).
 *
 * @param id            the exchange's trade id (ExecID derives from it)
 * @param order         the exchange's order id
 * @param clientOrderId the client order id where the exchange reports it, else null
 * @param takerOrMaker  {@code taker}, {@code maker} or null
 * @param timestamp     epoch ms, or null
 */
public record CcxtTrade(String id, String order, String clientOrderId, String symbol, String side, BigDecimal price,
                        BigDecimal amount, BigDecimal cost, CcxtFee fee, String takerOrMaker, Long timestamp) {
}
