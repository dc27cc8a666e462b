package io.fixbridge.sims.hyperliquid;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One perpetual of the simulated universe ({@code meta}); its asset id is its position in the
 * list given to the builder. Immutable.
 *
 * @param name        coin name, e.g. {@code BTC}
 * @param szDecimals  decimals a size may have; prices may have at most {@code 6 - szDecimals}
 * @param maxLeverage what {@code meta} publishes as maxLeverage
 * @param mid         the starting mid
 * @param levelSize   the market maker's size at each of its price levels
 */
public record PerpListing(String name, int szDecimals, int maxLeverage, BigDecimal mid, BigDecimal levelSize) {
    public PerpListing {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(levelSize, "levelSize");
        if (szDecimals < 0 || szDecimals > 6) {
            throw new IllegalArgumentException(name + ": szDecimals must be 0..6, got " + szDecimals);
        }
        if (maxLeverage < 1 || mid.signum() <= 0 || levelSize.signum() <= 0) {
            throw new IllegalArgumentException(name + ": maxLeverage, mid and levelSize must be positive");
        }
    }

    /** A perpetual with maxLeverage 50. */
    public static PerpListing of(String name, int szDecimals, String mid, String levelSize) {
        return new PerpListing(name, szDecimals, 50, new BigDecimal(mid), new BigDecimal(levelSize));
    }

    /** BTC, ETH and SOL as the simulator lists them by default. */
    public static PerpListing[] defaults() {
        return new PerpListing[] {
            of("BTC", 5, "60000", "1"),
            of("ETH", 4, "3000", "10"),
            of("SOL", 2, "150", "100")
        };
    }
}
