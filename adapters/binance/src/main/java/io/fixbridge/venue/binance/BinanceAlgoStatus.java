package io.fixbridge.venue.binance;

/**
 * A USD-M futures conditional (algo) order's status ({@code algoStatus}, {@code ALGO_UPDATE.o.X}).
 * Parsing is strict: an unknown value fails with an exception naming it.
 */
public enum BinanceAlgoStatus {
    /** Waiting for its trigger. */
    NEW,
    /** Triggered; the regular order is being placed. */
    TRIGGERING,
    /** The regular order is placed; it reports itself from now on. */
    TRIGGERED,
    /** The regular order is done (filled or canceled). */
    FINISHED,
    CANCELED,
    /** The matching engine refused the regular order (e.g. margin). */
    REJECTED,
    /** The system canceled it. */
    EXPIRED;

    /**
     * The status named {@code value}.
     *
     * @throws UnknownVenueValueException when Binance sent a value this adapter does not know
     */
    public static BinanceAlgoStatus parse(String value) {
        return UnknownVenueValueException.parse(BinanceAlgoStatus.class, "algo order status", value);
    }
}
