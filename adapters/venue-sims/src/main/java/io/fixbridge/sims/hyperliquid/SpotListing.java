package io.fixbridge.sims.hyperliquid;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One spot pair of the simulated {@code spotMeta}: a base token against USDC. The pair's universe
 * index is its position in the list given to the builder, its asset id {@code 10000 + index};
 * the pair at index 0 is named {@code "<TOKEN>/USDC"} (canonical, like PURR/USDC), every other one
 * {@code "@<index>"}. Token indexes: USDC 0, then the base tokens in list order from 1. Immutable.
 *
 * @param token       base token name, e.g. {@code PURR}
 * @param szDecimals  decimals a size may have; prices may have at most {@code 8 - szDecimals}
 * @param weiDecimals the token's weiDecimals in spotMeta
 * @param mid         the starting mid in USDC
 * @param levelSize   the market maker's size at each of its price levels
 */
public record SpotListing(String token, int szDecimals, int weiDecimals, BigDecimal mid, BigDecimal levelSize) {
    public SpotListing {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(levelSize, "levelSize");
        if ("USDC".equals(token)) {
            throw new IllegalArgumentException("USDC is the quote token of every pair, not a base token");
        }
        if (szDecimals < 0 || szDecimals > 8 || weiDecimals < szDecimals) {
            throw new IllegalArgumentException(token + ": szDecimals must be 0..8 and at most weiDecimals");
        }
        if (mid.signum() <= 0 || levelSize.signum() <= 0) {
            throw new IllegalArgumentException(token + ": mid and levelSize must be positive");
        }
    }

    public static SpotListing of(String token, int szDecimals, int weiDecimals, String mid, String levelSize) {
        return new SpotListing(token, szDecimals, weiDecimals, new BigDecimal(mid), new BigDecimal(levelSize));
    }

    /** PURR/USDC (index 0) and @1 = HYPE/USDC as the simulator lists them by default. */
    public static SpotListing[] defaults() {
        return new SpotListing[] {
            of("PURR", 0, 5, "0.2", "100000"),
            of("HYPE", 2, 8, "25", "1000")
        };
    }
}
