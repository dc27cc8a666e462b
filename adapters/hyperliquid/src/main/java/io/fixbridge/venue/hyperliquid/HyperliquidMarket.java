package io.fixbridge.venue.hyperliquid;

import io.fixbridge.venue.Instrument;

import java.util.Objects;

/**
 * One tradable Hyperliquid market: the venue-neutral {@link Instrument} and what the wire needs.
 * Immutable and thread-safe.
 *
 * @param instrument the instrument (unified symbol, tick, significant figures, lot)
 * @param asset      the asset id of order actions: the perpetual's universe index, or 10000 + the spot pair's index
 * @param coin       the coin name in orders, fills, books and mids ({@code BTC}, {@code PURR/USDC}, {@code @1})
 * @param spot       whether a spot pair
 * @param szDecimals decimals of sizes (of the base token for spot)
 */
public record HyperliquidMarket(Instrument instrument, int asset, String coin, boolean spot, int szDecimals) {
    /** Spot asset ids are 10000 plus the pair's index. */
    public static final int SPOT_ASSET_OFFSET = 10_000;

    public HyperliquidMarket {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(coin, "coin");
    }

    public String symbol() {
        return instrument.symbol();
    }
}
