package io.fixbridge.venue;

/**
 * Venue-neutral order types.
 *
 * <p>Stop orders trigger when the price moves against the position they protect; take-profit
 * orders trigger when it moves in favour (market-if-touched). Both carry a stop (trigger) price.
 */
public enum OrderType {
    MARKET(false, false),
    LIMIT(true, false),
    STOP(false, true),
    STOP_LIMIT(true, true),
    TAKE_PROFIT(false, true);

    private final boolean requiresPrice;
    private final boolean requiresStopPrice;

    OrderType(boolean requiresPrice, boolean requiresStopPrice) {
        this.requiresPrice = requiresPrice;
        this.requiresStopPrice = requiresStopPrice;
    }

    /** Whether an order of this type must carry a limit price. */
    public boolean requiresPrice() {
        return requiresPrice;
    }

    /** Whether an order of this type must carry a stop (trigger) price. */
    public boolean requiresStopPrice() {
        return requiresStopPrice;
    }
}
