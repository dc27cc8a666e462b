package io.fixbridge.venue.binance;

/**
 * What happened to an order in a stream event: spot {@code executionReport.x}, futures
 * {@code ORDER_TRADE_UPDATE.o.x}. Parsing is strict: an unknown value fails with an exception
 * naming it.
 */
public enum BinanceExecutionType {
    NEW,
    CANCELED,
    /** Spot: the order was amended (amend keep priority). */
    REPLACED,
    REJECTED,
    TRADE,
    EXPIRED,
    /** Spot: self-trade prevention expired (part of) the order. */
    TRADE_PREVENTION,
    /** Futures: the order was modified ({@code PUT /fapi/v1/order}). */
    AMENDMENT,
    /** Futures: a liquidation execution. */
    CALCULATED;

    /**
     * The execution type named {@code value}.
     *
     * @throws UnknownVenueValueException when Binance sent a value this adapter does not know
     */
    public static BinanceExecutionType parse(String value) {
        return UnknownVenueValueException.parse(BinanceExecutionType.class, "execution type", value);
    }
}
