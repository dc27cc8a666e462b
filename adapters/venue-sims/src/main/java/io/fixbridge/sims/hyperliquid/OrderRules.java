package io.fixbridge.sims.hyperliquid;

import java.math.BigDecimal;

/**
 * Hyperliquid's order rules that need no account or book: prices (limit and trigger) positive,
 * with at most five significant figures unless whole, and at most {@code (6 perps | 8 spot) -
 * szDecimals} decimals ({@value Texts#INVALID_PRICE}); sizes positive with at most szDecimals
 * decimals ({@value Texts#INVALID_SIZE}); a value {@code p * s} of at least $10 unless reduce-only.
 * Stateless.
 */
final class OrderRules {
    static final BigDecimal MIN_VALUE = BigDecimal.TEN;

    private OrderRules() {
    }

    /** The venue's text for the first broken rule, or null. */
    static String check(HlMarket m, OrderWire o) {
        BigDecimal px = o.px();
        if (!validPrice(m, px)) {
            return Texts.INVALID_PRICE;
        }
        if (o.trigger() != null && !validPrice(m, o.trigger().px())) {
            return Texts.INVALID_PRICE;
        }
        BigDecimal sz = o.sz();
        if (sz == null || sz.signum() <= 0 || Math.max(0, sz.stripTrailingZeros().scale()) > m.szDecimals) {
            return Texts.INVALID_SIZE;
        }
        if (!o.reduceOnly() && px.multiply(sz).compareTo(MIN_VALUE) < 0) {
            return Texts.minValue(m.asset);
        }
        return null;
    }

    static boolean validPrice(HlMarket m, BigDecimal px) {
        if (px == null || px.signum() <= 0) {
            return false;
        }
        BigDecimal p = px.stripTrailingZeros();
        if (p.scale() <= 0) {
            return true; // whole numbers are always valid
        }
        return p.scale() <= m.maxPriceDecimals() && p.precision() <= HlMarket.SIGNIFICANT_FIGURES;
    }
}
