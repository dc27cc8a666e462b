package io.fixbridge.venue;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A tradable instrument as a venue defines it, in unified (CCXT-style) naming.
 *
 * @param symbol       unified symbol: {@code BTC/USDT}, {@code BTC/USDT:USDT}, {@code BTC/USD:BTC}
 * @param venueSymbol  the venue's own name for it ({@code BTCUSDT})
 * @param marketType   spot, perpetual or future, linear or inverse
 * @param baseAsset    {@code BTC}
 * @param quoteAsset   {@code USDT}
 * @param settleAsset  the asset fees and PnL settle in (the quote asset for spot)
 * @param tickSize     price increment; every price must be a multiple of it
 * @param significantFigures the most significant figures a price may have, zero for no such
 *                     rule; whole-number prices are always allowed (Hyperliquid: five). Where it
 *                     is set, the step between valid prices grows with the price: at 1234.5 it is
 *                     0.1, at 12345 it is 1
 * @param lotSize      quantity increment; every quantity must be a multiple of it
 * @param minQuantity  smallest order quantity
 * @param maxQuantity  largest order quantity
 * @param minNotional  smallest price times quantity (zero where the venue has no such rule)
 * @param contractSize value of one contract in base units (one for spot and linear markets)
 * @param status       whether the instrument trades now
 */
public record Instrument(
        String symbol,
        String venueSymbol,
        MarketType marketType,
        String baseAsset,
        String quoteAsset,
        String settleAsset,
        BigDecimal tickSize,
        int significantFigures,
        BigDecimal lotSize,
        BigDecimal minQuantity,
        BigDecimal maxQuantity,
        BigDecimal minNotional,
        BigDecimal contractSize,
        TradingStatus status) {

    public Instrument {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(venueSymbol, "venueSymbol");
        Objects.requireNonNull(marketType, "marketType");
        Objects.requireNonNull(baseAsset, "baseAsset");
        Objects.requireNonNull(quoteAsset, "quoteAsset");
        Objects.requireNonNull(settleAsset, "settleAsset");
        requirePositive(tickSize, "tickSize");
        if (significantFigures < 0) {
            throw new IllegalArgumentException("significantFigures must be zero (no limit) or positive, was " + significantFigures);
        }
        requirePositive(lotSize, "lotSize");
        requirePositive(minQuantity, "minQuantity");
        requirePositive(maxQuantity, "maxQuantity");
        Objects.requireNonNull(minNotional, "minNotional");
        requirePositive(contractSize, "contractSize");
        Objects.requireNonNull(status, "status");
    }

    private static void requirePositive(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value.toPlainString());
        }
    }

    /**
     * Whether {@code price} is a valid price: a whole multiple of the tick size and, where the
     * instrument limits significant figures, a multiple of the step at its magnitude.
     */
    public boolean isOnTick(BigDecimal price) {
        return isMultiple(price, priceStep(price));
    }

    /** Whether {@code quantity} is a whole multiple of the lot size. */
    public boolean isOnLot(BigDecimal quantity) {
        return isMultiple(quantity, lotSize);
    }

    /** Notional value in the quote currency: price times quantity times contract size. */
    public BigDecimal notional(BigDecimal quantity, BigDecimal price) {
        return quantity.multiply(price).multiply(contractSize);
    }

    /** The nearest valid price at or below {@code price} (a positive price). */
    public BigDecimal tickBelow(BigDecimal price) {
        return floorToStep(price, priceStep(price));
    }

    /** The nearest valid price at or above {@code price} (a positive price). */
    public BigDecimal tickAbove(BigDecimal price) {
        BigDecimal step = priceStep(price);
        BigDecimal below = floorToStep(price, step);
        return below.compareTo(price) == 0 ? below : below.add(step);
    }

    /**
     * The step between valid prices around {@code price}: the tick, or where significant
     * figures are limited the unit of the last allowed figure (never coarser than one, since
     * whole numbers are always valid).
     */
    public BigDecimal priceStep(BigDecimal price) {
        if (significantFigures == 0 || price.signum() <= 0) {
            return tickSize;
        }
        int magnitude = price.precision() - price.scale() - 1; // exponent of the leading digit
        int lastFigure = magnitude - significantFigures + 1;
        BigDecimal figureStep = lastFigure >= 0 ? BigDecimal.ONE : BigDecimal.ONE.scaleByPowerOfTen(lastFigure);
        return figureStep.compareTo(tickSize) > 0 ? figureStep : tickSize;
    }

    /** Whether orders may be sent for this instrument now. */
    public boolean isTrading() {
        return status == TradingStatus.TRADING;
    }

    private static boolean isMultiple(BigDecimal value, BigDecimal step) {
        return value.remainder(step).signum() == 0;
    }

    private static BigDecimal floorToStep(BigDecimal value, BigDecimal step) {
        BigDecimal steps = value.divideToIntegralValue(step);
        return steps.multiply(step).stripTrailingZeros().setScale(Math.max(0, step.stripTrailingZeros().scale()));
    }

    /**
     * A builder with the defaults: no significant-figure limit, no minimum notional, contract
     * size one, trading.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link Instrument}; not thread-safe. */
    public static final class Builder {
        private String symbol;
        private String venueSymbol;
        private MarketType marketType;
        private String baseAsset;
        private String quoteAsset;
        private String settleAsset;
        private BigDecimal tickSize;
        private int significantFigures;
        private BigDecimal lotSize;
        private BigDecimal minQuantity;
        private BigDecimal maxQuantity;
        private BigDecimal minNotional = BigDecimal.ZERO;
        private BigDecimal contractSize = BigDecimal.ONE;
        private TradingStatus status = TradingStatus.TRADING;

        public Builder symbol(String v) { this.symbol = v; return this; }
        public Builder venueSymbol(String v) { this.venueSymbol = v; return this; }
        public Builder marketType(MarketType v) { this.marketType = v; return this; }
        public Builder baseAsset(String v) { this.baseAsset = v; return this; }
        public Builder quoteAsset(String v) { this.quoteAsset = v; return this; }
        public Builder settleAsset(String v) { this.settleAsset = v; return this; }
        public Builder tickSize(BigDecimal v) { this.tickSize = v; return this; }
        public Builder significantFigures(int v) { this.significantFigures = v; return this; }
        public Builder lotSize(BigDecimal v) { this.lotSize = v; return this; }
        public Builder minQuantity(BigDecimal v) { this.minQuantity = v; return this; }
        public Builder maxQuantity(BigDecimal v) { this.maxQuantity = v; return this; }
        public Builder minNotional(BigDecimal v) { this.minNotional = v; return this; }
        public Builder contractSize(BigDecimal v) { this.contractSize = v; return this; }
        public Builder status(TradingStatus v) { this.status = v; return this; }

        public Instrument build() {
            return new Instrument(symbol, venueSymbol, marketType, baseAsset, quoteAsset,
                    settleAsset == null ? quoteAsset : settleAsset, tickSize, significantFigures, lotSize,
                    minQuantity == null ? lotSize : minQuantity, maxQuantity, minNotional,
                    contractSize, status);
        }
    }
}
