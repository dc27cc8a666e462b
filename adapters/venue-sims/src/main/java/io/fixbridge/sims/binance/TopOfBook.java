package io.fixbridge.sims.binance;

import java.math.BigDecimal;

/**
 * One symbol's market at one moment, as the simulator's matching engine holds it. Immutable.
 *
 * @param market {@code spot} or {@code futures}
 * @param symbol Binance symbol
 * @param bid    best bid in the book (market maker or participant), or null when that side is empty
 * @param ask    best ask in the book, or null when that side is empty
 * @param mid    the synthetic market's mid (the market maker quotes around it; the mark price on futures)
 * @param last   the latest price: the last trade or the last requote's mid, whichever is newer
 */
public record TopOfBook(String market, String symbol, BigDecimal bid, BigDecimal ask, BigDecimal mid,
                        BigDecimal last) {
}
