package io.fixbridge.venue;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A derivative position in one account.
 *
 * @param symbol        unified symbol
 * @param quantity      signed size: positive long, negative short
 * @param entryPrice    average entry price, or zero when flat
 * @param realizedPnl   profit and loss realised on this instrument, in the settle asset
 */
public record Position(String symbol, BigDecimal quantity, BigDecimal entryPrice, BigDecimal realizedPnl) {
    public Position {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(entryPrice, "entryPrice");
        Objects.requireNonNull(realizedPnl, "realizedPnl");
    }
}
