package io.fixbridge.sims.bybit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Number formats Bybit puts on the wire, and decimal parsing from text only (never through a
 * double). Prices and quantities print with the scale of their step ({@code "60000.10"},
 * {@code "0.010"}); values, fees and averages print plain without trailing zeros
 * ({@code "600.1"}, {@code "0"}). Stateless.
 */
final class Fmt {
    private static final Pattern DECIMAL = Pattern.compile("^[0-9]{1,20}(\\.[0-9]{1,20})?$");

    private Fmt() {
    }

    /** Plain, no trailing zeros; null and zero print {@code "0"}. */
    static String plain(BigDecimal v) {
        if (v == null || v.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = v.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** {@code v} with the scale of {@code step} ({@code step} 0.10: two decimals); null prints as zero. */
    static String scaled(BigDecimal v, BigDecimal step) {
        BigDecimal value = v == null ? BigDecimal.ZERO : v;
        return value.setScale(Math.max(0, step.scale()), RoundingMode.HALF_UP).toPlainString();
    }

    /** {@code v} rounded to at most {@code decimals} places, plain. */
    static String rounded(BigDecimal v, int decimals) {
        if (v == null) {
            return "0";
        }
        return plain(v.setScale(decimals, RoundingMode.HALF_EVEN));
    }

    /** A decimal as Bybit accepts it: digits with an optional fraction, no sign, no exponent; else null. */
    static BigDecimal parse(String text) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            return null;
        }
        return new BigDecimal(text);
    }

    /** {@code a / b} to 16 places, without trailing zeros. */
    static BigDecimal divide(BigDecimal a, BigDecimal b) {
        BigDecimal q = a.divide(b, 16, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return q.scale() < 0 ? q.setScale(0) : q;
    }

    static boolean isMultiple(BigDecimal value, BigDecimal step) {
        return value.remainder(step).signum() == 0;
    }

    /** {@code value} rounded down to a multiple of {@code step}. */
    static BigDecimal floorToStep(BigDecimal value, BigDecimal step) {
        return value.divideToIntegralValue(step).multiply(step);
    }
}
