package io.fixbridge.venue.paper.engine;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Fee rates, as fractions of a fill's notional: {@code 0.0002} is 2 basis points. The maker rate
 * applies to the resting side of a trade, the taker rate to the side that crossed.
 *
 * @param maker rate charged to the resting order's fill, zero or more
 * @param taker rate charged to the incoming order's fill, zero or more
 */
public record FeeSchedule(BigDecimal maker, BigDecimal taker) {
    /** No fees at all. */
    public static final FeeSchedule NONE = new FeeSchedule(BigDecimal.ZERO, BigDecimal.ZERO);

    public FeeSchedule {
        Objects.requireNonNull(maker, "maker");
        Objects.requireNonNull(taker, "taker");
        if (maker.signum() < 0 || taker.signum() < 0) {
            throw new IllegalArgumentException("fee rates must not be negative");
        }
    }
}
