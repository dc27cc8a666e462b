package io.fixbridge.sims.binance;

import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketType;
import io.fixbridge.venue.TradingStatus;

import java.math.BigDecimal;

/**
 * One spot symbol as the simulator runs it: its configuration, the engine instrument it maps to
 * ({@code BTC/USDT}) and its current status, which tests may change at run time.
 *
 * <p><b>Threading:</b> confined to the engine thread (the status is read and written there).
 */
final class SpotListing {
    final SpotSymbol spec;
    final Instrument instrument;
    String status;

    SpotListing(SpotSymbol spec) {
        this.spec = spec;
        this.status = spec.status();
        // the engine gets no minimum notional: the simulator applies Binance's NOTIONAL filter itself
        this.instrument = Instrument.builder()
                .symbol(spec.baseAsset() + "/" + spec.quoteAsset())
                .venueSymbol(spec.symbol())
                .marketType(MarketType.SPOT)
                .baseAsset(spec.baseAsset())
                .quoteAsset(spec.quoteAsset())
                .tickSize(spec.tickSize())
                .lotSize(spec.stepSize())
                .minQuantity(spec.minQty())
                .maxQuantity(spec.maxQty())
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
