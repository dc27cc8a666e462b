package io.fixbridge.sims.binance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Decimal parsing and the number formats Binance puts on the wire, in one place: spot prints
 * every price and quantity with eight decimals ({@code "0.10000000"}), USD-M futures prints plain
 * numbers without trailing zeros ({@code "0.001"}, {@code "0"}) and average prices with at least
 * five decimals. Numbers are parsed from their text only, never through a double. Stateless.
 */
final class Fmt {
    private static final Pattern DECIMAL = Pattern.compile("^([0-9]{1,20})(\\.[0-9]{1,20})?$");
    private static final Pattern INTEGER = Pattern.compile("^-?[0-9]{1,20}$");

    private Fmt() {
    }

    /** Binance's spot format: eight decimals; null prints as zero. */
    static String spot(BigDecimal value) {
        BigDecimal v = value == null ? BigDecimal.ZERO : value;
        return v.setScale(8, RoundingMode.HALF_UP).toPlainString();
    }

    /** Binance's futures format: plain, no trailing zeros; null and zero print as {@code "0"}. */
    static String plain(BigDecimal value) {
        if (value == null || value.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** Binance's futures average price: at least five decimals ({@code "0.00000"}). */
    static String average(BigDecimal value) {
        BigDecimal v = value == null ? BigDecimal.ZERO : value.stripTrailingZeros();
        return v.setScale(Math.max(5, Math.min(v.scale(), 8)), RoundingMode.HALF_UP).toPlainString();
    }

    /** A decimal as Binance accepts it: digits with an optional fraction, no sign, no exponent; else null. */
    static BigDecimal parseDecimal(String text) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            return null;
        }
        return new BigDecimal(text);
    }

    /** A whole number, or null when the text is not one. */
    static Long parseLong(String text) {
        if (text == null || !INTEGER.matcher(text).matches()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether {@code value} is a whole multiple of {@code step}. */
    static boolean isMultiple(BigDecimal value, BigDecimal step) {
        return value.remainder(step).signum() == 0;
    }

    /** The number of decimals {@code value} really has (trailing zeros ignored). */
    static int decimals(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    /** {@code value} rounded down to a multiple of {@code step}. */
    static BigDecimal floorToStep(BigDecimal value, BigDecimal step) {
        return value.divideToIntegralValue(step).multiply(step).stripTrailingZeros();
    }
}
