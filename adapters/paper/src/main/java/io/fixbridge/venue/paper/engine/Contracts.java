package io.fixbridge.venue.paper.engine;

import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketType;

import java.math.BigDecimal;

/**
 * Contract arithmetic for every market type the engine trades, in one place.
 *
 * <ul>
 *   <li>Spot and linear (perpetual or future): a quantity is in base units (or contracts of
 *       {@code contractSize} base units); its value is {@code quantity * price * contractSize}
 *       in the quote asset, which is also the settle asset.</li>
 *   <li>Inverse (perpetual or future): a quantity is a number of contracts, each worth
 *       {@code contractSize} units of the quote asset (e.g. 1 USD); its value in the settle asset
 *       (the base coin, e.g. BTC) is {@code quantity * contractSize / price}; its value in the
 *       quote asset is {@code quantity * contractSize} whatever the price. A long position gains
 *       {@code quantity * contractSize * (1 / entry - 1 / exit)} of the settle asset, and the
 *       average entry of several fills is their harmonic mean, weighted by quantity.</li>
 * </ul>
 * Divisions keep {@link Decimals#DIVISION_SCALE} places. Stateless and thread-safe.
 */
public final class Contracts {
    private Contracts() {
    }

    /** Whether {@code i} is settled in its base coin (BTC/USD:BTC). */
    public static boolean isInverse(Instrument i) {
        return i.marketType() == MarketType.INVERSE_PERPETUAL || i.marketType() == MarketType.INVERSE_FUTURE;
    }

    /**
     * What {@code quantity} at {@code price} is worth in the asset that funds, margins and fees are
     * counted in: the quote asset for spot and linear, the base coin for inverse.
     */
    public static BigDecimal settleValue(Instrument i, BigDecimal quantity, BigDecimal price) {
        if (isInverse(i)) {
            return Decimals.divide(quantity.multiply(i.contractSize()), price);
        }
        return i.notional(quantity, price);
    }

    /** What {@code quantity} at {@code price} is worth in the quote asset (USD for an inverse contract). */
    public static BigDecimal quoteValue(Instrument i, BigDecimal quantity, BigDecimal price) {
        if (isInverse(i)) {
            return quantity.multiply(i.contractSize());
        }
        return i.notional(quantity, price);
    }

    /**
     * The profit, in the settle asset, of closing {@code closing} (positive) of a position that is
     * long ({@code longPosition}) or short, entered at {@code entry}, at {@code exit}.
     */
    public static BigDecimal pnl(Instrument i, boolean longPosition, BigDecimal closing, BigDecimal entry,
                                 BigDecimal exit) {
        BigDecimal perUnit;
        if (isInverse(i)) {
            BigDecimal inverseEntry = Decimals.divide(BigDecimal.ONE, entry);
            BigDecimal inverseExit = Decimals.divide(BigDecimal.ONE, exit);
            perUnit = longPosition ? inverseEntry.subtract(inverseExit) : inverseExit.subtract(inverseEntry);
        } else {
            perUnit = longPosition ? exit.subtract(entry) : entry.subtract(exit);
        }
        return Decimals.clean(closing.multiply(perUnit).multiply(i.contractSize()));
    }

    /**
     * The average entry after adding {@code added} (positive) at {@code price} to {@code size}
     * (positive, may be zero) entered at {@code entry}: quantity-weighted arithmetic mean for
     * linear, harmonic mean for inverse.
     */
    public static BigDecimal averageEntry(Instrument i, BigDecimal size, BigDecimal entry, BigDecimal added,
                                          BigDecimal price) {
        if (size.signum() == 0) {
            return Decimals.clean(price);
        }
        BigDecimal total = size.add(added);
        if (isInverse(i)) {
            BigDecimal value = Decimals.divide(size, entry).add(Decimals.divide(added, price));
            return Decimals.divide(total, value);
        }
        return Decimals.divide(size.multiply(entry).add(added.multiply(price)), total);
    }
}
