package io.fixbridge.sims.binance;

import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.TradingStatus;

import java.math.BigDecimal;

/**
 * One USD-M perpetual as the simulator runs it: its configuration, the engine instrument it maps
 * to ({@code BTC/USDT:USDT}) and its current status.
 *
 * <p><b>Threading:</b> confined to the engine thread.
 */
final class FuturesListing {
    final FuturesSymbol spec;
    final Instrument instrument;
    String status;

    FuturesListing(FuturesSymbol spec) {
        this.spec = spec;
        this.status = spec.status();
        this.instrument = Instrument.builder()
                .symbol(spec.baseAsset() + "/" + spec.quoteAsset() + ":" + spec.quoteAsset())
                .venueSymbol(spec.symbol())
                .marketType(MarketType.LINEAR_PERPETUAL)
                .baseAsset(spec.baseAsset())
                .quoteAsset(spec.quoteAsset())
                .settleAsset(spec.quoteAsset())
                .tickSize(spec.tickSize())
                .lotSize(spec.stepSize())
                .minQuantity(spec.minQty())
                .maxQuantity(spec.maxQty().max(spec.marketMaxQty()))
                .minNotional(BigDecimal.ZERO)
                .status(TradingStatus.TRADING)
                .build();
    }

    String symbol() {
        return spec.symbol();
    }

    String unified() {
        return instrument.symbol();
    }

    boolean trading() {
        return "TRADING".equals(status);
    }
}
