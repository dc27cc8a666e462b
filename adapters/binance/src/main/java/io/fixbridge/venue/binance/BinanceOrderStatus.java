package io.fixbridge.venue.binance;

import io.fixbridge.venue.OrderSnapshot;

/**
 * Binance's order statuses (spot {@code X} / {@code status}, futures likewise). Parsing is strict:
 * a value Binance adds later fails with an exception naming it rather than being guessed.
 */
public enum BinanceOrderStatus {
    NEW(OrderSnapshot.Status.NEW),
    PENDING_NEW(OrderSnapshot.Status.NEW),
    PARTIALLY_FILLED(OrderSnapshot.Status.PARTIALLY_FILLED),
    FILLED(OrderSnapshot.Status.FILLED),
    PENDING_CANCEL(OrderSnapshot.Status.NEW),
    CANCELED(OrderSnapshot.Status.CANCELED),
    REJECTED(OrderSnapshot.Status.REJECTED),
    EXPIRED(OrderSnapshot.Status.EXPIRED),
    EXPIRED_IN_MATCH(OrderSnapshot.Status.EXPIRED);

    private final OrderSnapshot.Status snapshotStatus;

    BinanceOrderStatus(OrderSnapshot.Status snapshotStatus) {
        this.snapshotStatus = snapshotStatus;
    }

    /** The venue-neutral status. PENDING_CANCEL keeps an order live until Binance says otherwise. */
    public OrderSnapshot.Status snapshotStatus() {
        return snapshotStatus;
    }

    /**
     * The status named {@code value}.
     *
     * @throws UnknownVenueValueException when Binance sent a status this adapter does not know
     */
    public static BinanceOrderStatus parse(String value) {
        return UnknownVenueValueException.parse(BinanceOrderStatus.class, "order status", value);
    }
}
