package io.fixbridge.sims.bybit;

import io.fixbridge.venue.Instrument;
import io.fixbridge.venue.MarketType;

import java.math.BigDecimal;

/**
 * One listed instrument: its Bybit spec, the paper engine's instrument (named by its unified
 * symbol: {@code BTC/USDT}, {@code BTC/USDT:USDT}, {@code BTC/USD:BTC}) and its current status.
 * The engine instrument carries only the steps and the contract size; Bybit's quantity, price and
 * value limits are checked by the simulator before an order reaches the engine.
 *
 * <p><b>Threading:</b> the status is written on the engine thread and read anywhere (volatile).
 */
final class Listing {
    final BybitSymbol spec;
    final Instrument instrument;
    volatile String status;

    Listing(BybitSymbol spec) {
        this.spec = spec;
        this.status = spec.status();
        this.instrument = Instrument.builder()
                .symbol(unified(spec))
                .venueSymbol(spec.symbol())
                .marketType(spec.category().marketType())
                .baseAsset(spec.baseCoin())
                .quoteAsset(spec.quoteCoin())
                .settleAsset(spec.settleCoin())
                .tickSize(spec.tickSize())
                .lotSize(spec.qtyStep())
                .minQuantity(spec.qtyStep())
                .maxQuantity(new BigDecimal("1000000000000"))
                .contractSize(spec.contractSize())
                .build();
    }

    static String unified(BybitSymbol s) {
        return switch (s.category()) {
            case SPOT -> s.baseCoin() + "/" + s.quoteCoin();
            case LINEAR, INVERSE -> s.baseCoin() + "/" + s.quoteCoin() + ":" + s.settleCoin();
        };
    }

    static String key(Category category, String symbol) {
        return category.wire() + ":" + symbol;
    }

    Category category() {
        return spec.category();
    }

    String symbol() {
        return spec.symbol();
    }

    String unified() {
        return instrument.symbol();
    }

    boolean trading() {
        return "Trading".equals(status);
    }

    boolean inverse() {
        return instrument.marketType() == MarketType.INVERSE_PERPETUAL;
    }

    /** The coin fees are charged in on this listing (the quote coin on spot, the settle coin otherwise). */
    String feeCoin() {
        return spec.category() == Category.SPOT ? spec.quoteCoin() : spec.settleCoin();
    }

    String price(BigDecimal v) {
        return Fmt.scaled(v, spec.tickSize());
    }

    String qty(BigDecimal v) {
        return spec.category() == Category.SPOT ? Fmt.plain(v) : Fmt.scaled(v, spec.qtyStep());
    }
}
