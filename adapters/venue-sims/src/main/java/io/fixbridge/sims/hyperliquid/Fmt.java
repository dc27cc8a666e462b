package io.fixbridge.sims.hyperliquid;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Hyperliquid's number strings: trailing zeros dropped, but a whole number keeps one decimal
 * ({@code "60000.0"}, {@code "0.0"}, {@code "0.0147"}), as the venue prints its floats. Stateless.
 */
final class Fmt {
    private Fmt() {
    }

    static String num(BigDecimal v) {
        if (v == null || v.signum() == 0) {
            return "0.0";
        }
        String plain = v.stripTrailingZeros().toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }

    /** {@code v} rounded half-even to {@code decimals} places, then {@link #num}. */
    static String num(BigDecimal v, int decimals) {
        return num(v.setScale(decimals, RoundingMode.HALF_EVEN));
    }

    /** Parses a venue decimal string; null when it is not one. */
    static BigDecimal parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 40) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
