package io.fixbridge.sims.binance;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How one spot symbol trades on the simulator: its assets, its exchangeInfo filters
 * (PRICE_FILTER, LOT_SIZE, MARKET_LOT_SIZE, NOTIONAL, ICEBERG_PARTS), its status and where the
 * synthetic market quotes it. Immutable and thread-safe.
 *
 * @param symbol         Binance symbol, e.g. {@code BTCUSDT}
 * @param baseAsset      e.g. {@code BTC}
 * @param quoteAsset     e.g. {@code USDT}
 * @param tickSize       PRICE_FILTER tickSize
 * @param minPrice       PRICE_FILTER minPrice
 * @param maxPrice       PRICE_FILTER maxPrice
 * @param stepSize       LOT_SIZE stepSize
 * @param minQty         LOT_SIZE minQty
 * @param maxQty         LOT_SIZE maxQty
 * @param marketMaxQty   MARKET_LOT_SIZE maxQty (its minQty and stepSize are LOT_SIZE's)
 * @param minNotional    NOTIONAL minNotional (applied to market orders too)
 * @param maxNotional    NOTIONAL maxNotional (not applied to market orders)
 * @param icebergParts   ICEBERG_PARTS limit
 * @param status         {@code TRADING}, {@code HALT} or {@code BREAK} at start
 * @param mid            the synthetic market's starting mid; a multiple of the tick
 * @param levelQuantity  the market maker's quantity at each price level
 * @param legacyMinNotional publish and apply the older MIN_NOTIONAL filter instead of NOTIONAL
 */
public record SpotSymbol(String symbol, String baseAsset, String quoteAsset, BigDecimal tickSize, BigDecimal minPrice,
                         BigDecimal maxPrice, BigDecimal stepSize, BigDecimal minQty, BigDecimal maxQty,
                         BigDecimal marketMaxQty, BigDecimal minNotional, BigDecimal maxNotional, int icebergParts,
                         String status, BigDecimal mid, BigDecimal levelQuantity, boolean legacyMinNotional) {

    public SpotSymbol {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(baseAsset, "baseAsset");
        Objects.requireNonNull(quoteAsset, "quoteAsset");
        Objects.requireNonNull(tickSize, "tickSize");
        Objects.requireNonNull(minPrice, "minPrice");
        Objects.requireNonNull(maxPrice, "maxPrice");
        Objects.requireNonNull(stepSize, "stepSize");
        Objects.requireNonNull(minQty, "minQty");
        Objects.requireNonNull(maxQty, "maxQty");
        Objects.requireNonNull(marketMaxQty, "marketMaxQty");
        Objects.requireNonNull(minNotional, "minNotional");
        Objects.requireNonNull(maxNotional, "maxNotional");
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(levelQuantity, "levelQuantity");
        SymbolStatus.requireSpot(status);
    }

    /** BTCUSDT with Binance's filters: tick 0.01, step 0.00001, min notional 5; mid 60000, 1 BTC per level. */
    public static SpotSymbol btcusdt() {
        return new SpotSymbol("BTCUSDT", "BTC", "USDT", new BigDecimal("0.01"), new BigDecimal("0.01"),
                new BigDecimal("1000000"), new BigDecimal("0.00001"), new BigDecimal("0.00001"),
                new BigDecimal("9000"), new BigDecimal("100"), new BigDecimal("5"), new BigDecimal("9000000"), 10,
                "TRADING", new BigDecimal("60000"), new BigDecimal("1"), false);
    }

    /** ETHUSDT with Binance's filters: tick 0.01, step 0.0001, min notional 5; mid 3000, 10 ETH per level. */
    public static SpotSymbol ethusdt() {
        return new SpotSymbol("ETHUSDT", "ETH", "USDT", new BigDecimal("0.01"), new BigDecimal("0.01"),
                new BigDecimal("1000000"), new BigDecimal("0.0001"), new BigDecimal("0.0001"),
                new BigDecimal("9000"), new BigDecimal("1000"), new BigDecimal("5"), new BigDecimal("9000000"), 10,
                "TRADING", new BigDecimal("3000"), new BigDecimal("10"), false);
    }

    /** The same symbol starting with another status ({@code TRADING}, {@code HALT}, {@code BREAK}). */
    public SpotSymbol withStatus(String newStatus) {
        return new SpotSymbol(symbol, baseAsset, quoteAsset, tickSize, minPrice, maxPrice, stepSize, minQty, maxQty,
                marketMaxQty, minNotional, maxNotional, icebergParts, newStatus, mid, levelQuantity, legacyMinNotional);
    }

    /** The same symbol quoted around another starting mid. */
    public SpotSymbol withMid(String newMid) {
        return new SpotSymbol(symbol, baseAsset, quoteAsset, tickSize, minPrice, maxPrice, stepSize, minQty, maxQty,
                marketMaxQty, minNotional, maxNotional, icebergParts, status, new BigDecimal(newMid), levelQuantity,
                legacyMinNotional);
    }

    /**
     * The same symbol with the older MIN_NOTIONAL filter ({@code minNotional}, {@code applyToMarket},
     * {@code avgPriceMins}) instead of NOTIONAL; failures then read {@code "Filter failure: MIN_NOTIONAL"}.
     */
    public SpotSymbol withLegacyMinNotionalFilter() {
        return new SpotSymbol(symbol, baseAsset, quoteAsset, tickSize, minPrice, maxPrice, stepSize, minQty, maxQty,
                marketMaxQty, minNotional, maxNotional, icebergParts, status, mid, levelQuantity, true);
    }
}
