package io.fixbridge.venue.binance;

import io.fixbridge.venue.MarketType;

import java.util.Locale;

/**
 * The two Binance APIs this adapter trades: spot ({@code /api/v3}) and USD-M futures
 * ({@code /fapi}). Each has its own host, rate limits, user-data stream and order endpoints.
 */
public enum BinanceMarket {
    /** Spot, {@code /api/v3}; unified symbols {@code BTC/USDT}. */
    SPOT("spot", MarketType.SPOT),
    /** USD-M perpetual futures, {@code /fapi}; unified symbols {@code BTC/USDT:USDT}. */
    FUTURES("futures", MarketType.LINEAR_PERPETUAL);

    private final String configName;
    private final MarketType marketType;

    BinanceMarket(String configName, MarketType marketType) {
        this.configName = configName;
        this.marketType = marketType;
    }

    /** The name used in gateway.yaml's {@code markets} list. */
    public String configName() {
        return configName;
    }

    /** The venue-neutral market type of its instruments. */
    public MarketType marketType() {
        return marketType;
    }

    /** The market named {@code name} in gateway.yaml, or an exception listing the names allowed. */
    public static BinanceMarket fromConfigName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (BinanceMarket m : values()) {
            if (m.configName.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown market '" + name + "'; the markets are spot and futures");
    }

    /** The Binance market trading instruments of {@code type}, or an exception when it trades none. */
    public static BinanceMarket of(MarketType type) {
        for (BinanceMarket m : values()) {
            if (m.marketType == type) {
                return m;
            }
        }
        throw new IllegalArgumentException("Binance adapter trades no " + type + " markets");
    }
}
