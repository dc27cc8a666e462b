package io.fixbridge.venue;

/** The direction in which the market must cross a trigger price for a conditional order to fire. */
public enum TriggerDirection {
    /** Fires when the reference price rises to or above the trigger price. */
    RISES_ABOVE,
    /** Fires when the reference price falls to or below the trigger price. */
    FALLS_BELOW;

    /**
     * The direction implied by an order's type and side when the order does not state one:
     * a buy stop fires on a rise, a sell stop on a fall; take-profit the other way round.
     */
    public static TriggerDirection implied(OrderType type, Side side) {
        return switch (type) {
            case STOP, STOP_LIMIT -> side == Side.BUY ? RISES_ABOVE : FALLS_BELOW;
            case TAKE_PROFIT -> side == Side.BUY ? FALLS_BELOW : RISES_ABOVE;
            default -> throw new IllegalArgumentException(type + " orders have no trigger");
        };
    }
}
