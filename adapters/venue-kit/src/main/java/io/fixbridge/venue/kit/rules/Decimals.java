package io.fixbridge.venue.kit.rules;

import java.math.BigDecimal;
import java.util.Objects;

/** Decimal text as venues want it on the wire. Stateless. */
public final class Decimals {
    private Decimals() {
    }

    /** Plain notation without trailing zeros: {@code 0.00100000 -> "0.001"}, {@code 1E+3 -> "1000"}, zero {@code -> "0"}. */
    public static String plain(BigDecimal value) {
        Objects.requireNonNull(value, "value");
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /**
     * {@code value} at the scale of {@code step} (the number of decimals the venue shows):
     * {@code 52000} with step {@code 0.01} is {@code 52000.00}. The value must already be on the step.
     *
     * @throws ArithmeticException when {@code value} has more decimals than {@code step}
     */
    public static BigDecimal atScaleOf(BigDecimal value, BigDecimal step) {
        return value.setScale(Math.max(0, step.stripTrailingZeros().scale()));
    }
}
