package io.fixbridge.venue.bybit;

import io.fixbridge.venue.Instrument;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An instrument as this adapter knows it: the venue-neutral {@link Instrument} plus the Bybit facts
 * the model has no place for. Immutable.
 *
 * @param instrument     the venue-neutral instrument
 * @param category       which Bybit category trades it
 * @param venueStatus    Bybit's own status (Trading, PreLaunch, Delivering, Closed), for messages
 * @param quotePrecision spot: the step of a quote-currency amount (a market order by quote), or null
 * @param minOrderAmount spot: the smallest order value in the quote currency, or null
 * @param maxOrderAmount spot: the largest order value in the quote currency, or null
 */
public record BybitInstrument(Instrument instrument, BybitCategory category, String venueStatus,
                              BigDecimal quotePrecision, BigDecimal minOrderAmount, BigDecimal maxOrderAmount) {

    public BybitInstrument {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(venueStatus, "venueStatus");
    }

    /** Unified symbol, e.g. {@code BTC/USDT:USDT}. */
    public String symbol() {
        return instrument.symbol();
    }

    /** Bybit's symbol, e.g. {@code BTCUSDT}. */
    public String venueSymbol() {
        return instrument.venueSymbol();
    }
}
