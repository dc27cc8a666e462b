package io.fixbridge.sims.binance;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How one USD-M perpetual trades on the simulator: its assets, its exchangeInfo filters
 * (PRICE_FILTER, LOT_SIZE, MARKET_LOT_SIZE, MIN_NOTIONAL), precisions, status and where the
 * synthetic market quotes it. Immutable and thread-safe.
 *
 * @param symbol            Binance symbol, e.g. {@code BTCUSDT}
 * @param baseAsset         e.g. {@code BTC}
 * @param quoteAsset        e.g. {@code USDT} (also the margin asset)
 * @param tickSize          PRICE_FILTER tickSize
 * @param minPrice          PRICE_FILTER minPrice
 * @param maxPrice          PRICE_FILTER maxPrice
 * @param stepSize          LOT_SIZE stepSize
 * @param minQty            LOT_SIZE minQty
 * @param maxQty            LOT_SIZE maxQty
 * @param marketMaxQty      MARKET_LOT_SIZE maxQty
 * @param minNotional       MIN_NOTIONAL notional (waived for reduce-only orders)
 * @param pricePrecision    exchangeInfo pricePrecision
 * @param quantityPrecision exchangeInfo quantityPrecision
 * @param status            {@code TRADING} or another futures status at start
 * @param mid               the synthetic market's starting mid; a multiple of the tick
 * @param levelQuantity     the market maker's quantity at each price level
 */
public record FuturesSymbol(String symbol, String baseAsset, String quoteAsset, BigDecimal tickSize,
                            BigDecimal minPrice, BigDecimal maxPrice, BigDecimal stepSize, BigDecimal minQty,
                            BigDecimal maxQty, BigDecimal marketMaxQty, BigDecimal minNotional, int pricePrecision,
                            int quantityPrecision, String status, BigDecimal mid, BigDecimal levelQuantity) {

    public FuturesSymbol {
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
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(levelQuantity, "levelQuantity");
        SymbolStatus.requireFutures(status);
    }

    /** BTCUSDT perpetual with Binance's filters: tick 0.10, step 0.001, min notional 100; mid 60000. */
    public static FuturesSymbol btcusdtPerpetual() {
        return new FuturesSymbol("BTCUSDT", "BTC", "USDT", new BigDecimal("0.10"), new BigDecimal("556.80"),
                new BigDecimal("4529764"), new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("1000"),
                new BigDecimal("120"), new BigDecimal("100"), 2, 3, "TRADING", new BigDecimal("60000"),
                new BigDecimal("1"));
    }

    /** ETHUSDT perpetual: tick 0.01, step 0.001, min notional 20; mid 3000. */
    public static FuturesSymbol ethusdtPerpetual() {
        return new FuturesSymbol("ETHUSDT", "ETH", "USDT", new BigDecimal("0.01"), new BigDecimal("39.86"),
                new BigDecimal("306177"), new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("10000"),
                new BigDecimal("2000"), new BigDecimal("20"), 2, 3, "TRADING", new BigDecimal("3000"),
                new BigDecimal("10"));
    }

    /** The same symbol quoted around another starting mid. */
    public FuturesSymbol withMid(String newMid) {
        return new FuturesSymbol(symbol, baseAsset, quoteAsset, tickSize, minPrice, maxPrice, stepSize, minQty, maxQty,
                marketMaxQty, minNotional, pricePrecision, quantityPrecision, status, new BigDecimal(newMid),
                levelQuantity);
    }
}
