package io.fixbridge.sims.hyperliquid;

import java.math.BigDecimal;

/**
 * One non-zero perpetual position, for test assertions. Immutable.
 *
 * @param coin    coin name
 * @param szi     signed size (negative: short)
 * @param entryPx average entry price
 */
public record TruthPosition(String coin, BigDecimal szi, BigDecimal entryPx) {
}
