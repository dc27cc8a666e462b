package io.fixbridge.venue.paper.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Small BigDecimal helpers shared by the engine. Stateless. */
final class Decimals {
    /** Decimal places kept by divisions (average prices, margins). */
    static final int DIVISION_SCALE = 16;

    private Decimals() {
    }

    /** {@code value} without trailing zeros and never in exponent form for whole numbers. */
    static BigDecimal clean(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** {@code a / b} to {@link #DIVISION_SCALE} places, cleaned. */
    static BigDecimal divide(BigDecimal a, BigDecimal b) {
        return clean(a.divide(b, DIVISION_SCALE, RoundingMode.HALF_EVEN));
    }

    /** Numeric equality that treats two nulls as equal and ignores scale. */
    static boolean same(BigDecimal a, BigDecimal b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.compareTo(b) == 0;
    }

    /** Plain text for a person: no exponent, no trailing zeros. */
    static String text(BigDecimal value) {
        return clean(value).toPlainString();
    }
}
