package io.fixbridge.venue.hyperliquid.dto;

import java.util.List;

/**
 * {@code POST /info {"type":"meta"}}: the perpetual universe; an asset's id is its index.
 *
 * @param universe perpetual assets in asset-id order
 */
public record Meta(List<PerpAsset> universe) {
    public Meta {
        universe = universe == null ? List.of() : List.copyOf(universe);
    }

    /**
     * One perpetual.
     *
     * @param name         the coin name used in orders, fills and books ({@code BTC})
     * @param szDecimals   decimals of sizes
     * @param maxLeverage  the highest leverage
     * @param onlyIsolated whether only isolated margin is allowed, or null
     * @param isDelisted   whether the asset is delisted, or null
     */
    public record PerpAsset(String name, int szDecimals, Integer maxLeverage, Boolean onlyIsolated,
                            Boolean isDelisted) {
    }
}
