package io.fixbridge.sims.bybit;

import io.fixbridge.venue.MarketType;

import java.util.Locale;

/**
 * The Bybit v5 product categories the simulator serves, with their wire names ({@code category}
 * parameter and field). Immutable.
 */
public enum Category {
    /** Spot: {@code category=spot}. */
    SPOT("spot", MarketType.SPOT),
    /** USDT perpetuals: {@code category=linear}. */
    LINEAR("linear", MarketType.LINEAR_PERPETUAL),
    /** Coin-settled (inverse) perpetuals: {@code category=inverse}. */
    INVERSE("inverse", MarketType.INVERSE_PERPETUAL);

    private final String wire;
    private final MarketType marketType;

    Category(String wire, MarketType marketType) {
        this.wire = wire;
        this.marketType = marketType;
    }

    /** The name Bybit uses on the wire: {@code spot}, {@code linear}, {@code inverse}. */
    public String wire() {
        return wire;
    }

    /** The paper engine's market type of this category's instruments. */
    public MarketType marketType() {
        return marketType;
    }

    /** Whether orders of this category trade contracts with positions (linear, inverse). */
    public boolean isDerivative() {
        return this != SPOT;
    }

    /** The category of a wire name, or null when the simulator does not serve it. */
    static Category ofWire(String name) {
        if (name == null) {
            return null;
        }
        for (Category c : values()) {
            if (c.wire.equals(name)) {
                return c;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return wire.toUpperCase(Locale.ROOT);
    }
}
