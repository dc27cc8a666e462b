package io.fixbridge.sims.bybit;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;

/**
 * One instrument the simulator lists, with the filters {@code /v5/market/instruments-info}
 * publishes and the synthetic market's start. Immutable; the {@code with...} methods return
 * copies.
 *
 * <p>Spot: {@code qtyStep} is {@code lotSizeFilter.basePrecision}, {@code minOrderValue} and
 * {@code maxOrderValue} are {@code minOrderAmt} and {@code maxOrderAmt} (in the quote coin),
 * {@code maxOrderQty} is {@code maxLimitOrderQty} (and {@code maxOrderQty}), {@code quotePrecision}
 * is the precision of a market buy's quote amount. Linear and inverse: {@code qtyStep},
 * {@code minOrderQty}, {@code maxOrderQty}, {@code maxMarketOrderQty} ({@code maxMktOrderQty}) and
 * {@code minOrderValue} ({@code minNotionalValue}, in the quote coin; for inverse that is
 * {@code qty * contractSize} USD); {@code minPrice}/{@code maxPrice} are the price filter's range.
 * An inverse quantity is a number of contracts of {@code contractSize} USD each.
 *
 * @param category          spot, linear or inverse
 * @param symbol            Bybit's name, e.g. {@code BTCUSDT}, {@code BTCUSD}
 * @param baseCoin          e.g. BTC
 * @param quoteCoin         e.g. USDT, or USD for inverse
 * @param settleCoin        USDT for spot and linear, the base coin for inverse
 * @param tickSize          price step ({@code priceFilter.tickSize}), written with its scale
 *                          ({@code 0.10} prints prices with two decimals)
 * @param qtyStep           quantity step, written with its scale
 * @param minOrderQty       smallest quantity
 * @param maxOrderQty       largest limit-order quantity
 * @param maxMarketOrderQty largest market-order quantity
 * @param minOrderValue     smallest order value in the quote coin (zero: none)
 * @param maxOrderValue     largest order value in the quote coin (spot only; zero: none)
 * @param quotePrecision    spot only: precision of quote amounts
 * @param minPrice          derivatives only: lowest price
 * @param maxPrice          derivatives only: highest price
 * @param contractSize      value of one contract: 1 base unit for spot and linear, 1 USD for inverse
 * @param mid               the synthetic market's start mid, a multiple of {@code tickSize}
 * @param levelQuantity     the market maker's quantity at each of its price levels
 * @param status            {@code Trading}, {@code PreLaunch}, {@code Delivering} or {@code Closed}
 */
public record BybitSymbol(Category category, String symbol, String baseCoin, String quoteCoin, String settleCoin,
                          BigDecimal tickSize, BigDecimal qtyStep, BigDecimal minOrderQty, BigDecimal maxOrderQty,
                          BigDecimal maxMarketOrderQty, BigDecimal minOrderValue, BigDecimal maxOrderValue,
                          BigDecimal quotePrecision, BigDecimal minPrice, BigDecimal maxPrice,
                          BigDecimal contractSize, BigDecimal mid, BigDecimal levelQuantity, String status) {

    /** The statuses instruments-info publishes. */
    public static final Set<String> STATUSES = Set.of("PreLaunch", "Trading", "Delivering", "Closed");

    public BybitSymbol {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(baseCoin, "baseCoin");
        Objects.requireNonNull(quoteCoin, "quoteCoin");
        Objects.requireNonNull(settleCoin, "settleCoin");
        for (BigDecimal v : new BigDecimal[] {tickSize, qtyStep, minOrderQty, maxOrderQty, maxMarketOrderQty, mid,
                levelQuantity, contractSize}) {
            if (v == null || v.signum() <= 0) {
                throw new IllegalArgumentException(symbol + ": steps, limits, contract size, mid and level quantity"
                        + " must be positive");
            }
        }
        minOrderValue = minOrderValue == null ? BigDecimal.ZERO : minOrderValue;
        maxOrderValue = maxOrderValue == null ? BigDecimal.ZERO : maxOrderValue;
        quotePrecision = quotePrecision == null ? new BigDecimal("0.00000001") : quotePrecision;
        minPrice = minPrice == null ? tickSize : minPrice;
        maxPrice = maxPrice == null ? new BigDecimal("1999999.80") : maxPrice;
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + STATUSES + ", got " + status);
        }
        if (mid.remainder(tickSize).signum() != 0) {
            throw new IllegalArgumentException(symbol + ": the mid must be a multiple of the tick size");
        }
    }

    /**
     * Spot BTCUSDT: tick 0.01, basePrecision 0.000001, quotePrecision 0.00000001, min qty 0.000011,
     * max limit qty 83, max market qty 41.5, order value 5 .. 8000000 USDT; mid 60000, 1 BTC a level.
     */
    public static BybitSymbol spotBtcusdt() {
        return new BybitSymbol(Category.SPOT, "BTCUSDT", "BTC", "USDT", "USDT", d("0.01"), d("0.000001"),
                d("0.000011"), d("83"), d("41.5"), d("5"), d("8000000"), d("0.00000001"), null, null, d("1"),
                d("60000"), d("1"), "Trading");
    }

    /**
     * Spot ETHUSDT: tick 0.01, basePrecision 0.00001, quotePrecision 0.0000001, min qty 0.0001,
     * max limit qty 1000, max market qty 500, order value 5 .. 8000000 USDT; mid 3000, 10 ETH a level.
     */
    public static BybitSymbol spotEthusdt() {
        return new BybitSymbol(Category.SPOT, "ETHUSDT", "ETH", "USDT", "USDT", d("0.01"), d("0.00001"),
                d("0.0001"), d("1000"), d("500"), d("5"), d("8000000"), d("0.0000001"), null, null, d("1"),
                d("3000"), d("10"), "Trading");
    }

    /**
     * Linear BTCUSDT perpetual: tick 0.10 (prices 0.10 .. 1999999.80), qtyStep 0.001, qty 0.001 .. 1190
     * (market 500), minNotionalValue 5 USDT; mid 60000, 1 BTC a level.
     */
    public static BybitSymbol linearBtcusdt() {
        return new BybitSymbol(Category.LINEAR, "BTCUSDT", "BTC", "USDT", "USDT", d("0.10"), d("0.001"),
                d("0.001"), d("1190.000"), d("500.000"), d("5"), null, null, d("0.10"), d("1999999.80"), d("1"),
                d("60000"), d("1"), "Trading");
    }

    /**
     * Inverse BTCUSD perpetual, settled in BTC: one contract is 1 USD; tick 0.50 (prices 0.50 ..
     * 999999.00), qtyStep 1, qty 1 .. 1000000 contracts (market 500000), minNotionalValue 1 USD; mid
     * 60000, 60000 contracts (about 1 BTC) a level.
     */
    public static BybitSymbol inverseBtcusd() {
        return new BybitSymbol(Category.INVERSE, "BTCUSD", "BTC", "USD", "BTC", d("0.50"), d("1"), d("1"),
                d("1000000"), d("500000"), d("1"), null, null, d("0.50"), d("999999.00"), d("1"), d("60000"),
                d("60000"), "Trading");
    }

    /** A copy with another status. */
    public BybitSymbol withStatus(String v) {
        return new BybitSymbol(category, symbol, baseCoin, quoteCoin, settleCoin, tickSize, qtyStep, minOrderQty,
                maxOrderQty, maxMarketOrderQty, minOrderValue, maxOrderValue, quotePrecision, minPrice, maxPrice,
                contractSize, mid, levelQuantity, v);
    }

    /** A copy with another start mid. */
    public BybitSymbol withMid(String v) {
        return new BybitSymbol(category, symbol, baseCoin, quoteCoin, settleCoin, tickSize, qtyStep, minOrderQty,
                maxOrderQty, maxMarketOrderQty, minOrderValue, maxOrderValue, quotePrecision, minPrice, maxPrice,
                contractSize, d(v), levelQuantity, status);
    }

    /** A copy with another market-maker quantity per level. */
    public BybitSymbol withLevelQuantity(String v) {
        return new BybitSymbol(category, symbol, baseCoin, quoteCoin, settleCoin, tickSize, qtyStep, minOrderQty,
                maxOrderQty, maxMarketOrderQty, minOrderValue, maxOrderValue, quotePrecision, minPrice, maxPrice,
                contractSize, mid, d(v), status);
    }

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }
}
