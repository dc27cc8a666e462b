package io.fixbridge.venue.bybit;

import io.fixbridge.venue.MarketType;

import java.util.Arrays;
import java.util.Locale;

/**
 * Bybit's v5 product categories this adapter trades, all in one unified trading account: the
 * {@code category} of every request and of every stream message.
 */
public enum BybitCategory {
    /** Spot pairs, {@code BTC/USDT}. */
    SPOT("spot", MarketType.SPOT),
    /** USDT and USDC margined perpetuals, {@code BTC/USDT:USDT}. */
    LINEAR("linear", MarketType.LINEAR_PERPETUAL),
    /** Coin margined perpetuals, {@code BTC/USD:BTC}; quantities are contracts of 1 USD. */
    INVERSE("inverse", MarketType.INVERSE_PERPETUAL);

    private final String wireName;
    private final MarketType marketType;

    BybitCategory(String wireName, MarketType marketType) {
        this.wireName = wireName;
        this.marketType = marketType;
    }

    /** The {@code category} value on the wire and in gateway.yaml: {@code spot}, {@code linear}, {@code inverse}. */
    public String wireName() {
        return wireName;
    }

    /** The venue-neutral market type. */
    public MarketType marketType() {
        return marketType;
    }

    /** Whether orders build positions (linear, inverse) rather than move balances (spot). */
    public boolean isDerivative() {
        return this != SPOT;
    }

    /**
     * The category Bybit names {@code value}.
     *
     * @throws UnknownVenueValueException for a category this adapter does not trade (option, ...)
     */
    public static BybitCategory fromWire(String value) {
        for (BybitCategory c : values()) {
            if (c.wireName.equals(value)) {
                return c;
            }
        }
        throw UnknownVenueValueException.of("category", value, Arrays.stream(values()).map(BybitCategory::wireName)
                .toList());
    }

    /**
     * The category a configuration names, ignoring case.
     *
     * @throws IllegalArgumentException saying which names are allowed
     */
    public static BybitCategory fromConfigName(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (BybitCategory c : values()) {
            if (c.wireName.equals(v)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category '" + value + "'; the categories are spot, linear "
                + "and inverse");
    }
}
