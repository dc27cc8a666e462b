package io.fixbridge.sims.hyperliquid;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Fee rates as fractions of a fill's notional. Perpetual fees are charged in USDC; a spot fill's
 * fee is charged in the token received (the base token for a buy, USDC for a sell). Immutable.
 *
 * @param perpMaker rate of a perpetual fill that rested
 * @param perpTaker rate of a perpetual fill that crossed
 * @param spotMaker rate of a spot fill that rested
 * @param spotTaker rate of a spot fill that crossed
 */
public record HlFees(BigDecimal perpMaker, BigDecimal perpTaker, BigDecimal spotMaker, BigDecimal spotTaker) {
    /** Hyperliquid's base tier: perps 0.015 % maker / 0.045 % taker, spot 0.04 % / 0.07 %. */
    public static final HlFees DEFAULT = new HlFees(new BigDecimal("0.00015"), new BigDecimal("0.00045"),
            new BigDecimal("0.0004"), new BigDecimal("0.0007"));

    /** No fees at all. */
    public static final HlFees NONE = new HlFees(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    public HlFees {
        for (BigDecimal r : new BigDecimal[] {perpMaker, perpTaker, spotMaker, spotTaker}) {
            Objects.requireNonNull(r, "fee rate");
            if (r.signum() < 0) {
                throw new IllegalArgumentException("fee rates must not be negative");
            }
        }
    }
}
