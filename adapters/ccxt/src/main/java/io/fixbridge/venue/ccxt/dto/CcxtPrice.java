package io.fixbridge.venue.ccxt.dto;

import java.math.BigDecimal;

/**
 * One market's prices in the sidecar's {@code fetchReferencePrices} answer: copied out of a ccxt ticker
 * (from {@code fetchBidsAsks} or {@code fetchTickers}); every field but the symbol may be null.
 *
 * @param symbol    unified symbol
 * @param bid       best bid price
 * @param ask       best ask price
 * @param mark      mark price (ccxt's {@code markPrice}, derivatives)
 * @param last      last trade price
 * @param timestamp ccxt's ticker time, ms (Binance's bookTicker: the book's last change)
 */
public record CcxtPrice(String symbol, BigDecimal bid, BigDecimal ask, BigDecimal mark, BigDecimal last,
                        Long timestamp) {
}
