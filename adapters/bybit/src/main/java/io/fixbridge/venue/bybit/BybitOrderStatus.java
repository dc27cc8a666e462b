package io.fixbridge.venue.bybit;

import io.fixbridge.venue.OrderSnapshot;

import java.util.Arrays;

/**
 * Bybit v5 {@code orderStatus}, parsed strictly: a value Bybit adds later fails loudly with
 * {@link UnknownVenueValueException} instead of being guessed.
 */
public enum BybitOrderStatus {
    /** Resting, nothing filled. */
    NEW("New", false),
    /** Resting, partly filled. */
    PARTIALLY_FILLED("PartiallyFilled", false),
    /** A conditional order waiting for its trigger. */
    UNTRIGGERED("Untriggered", false),
    /** A conditional order just triggered (it becomes New next). */
    TRIGGERED("Triggered", false),
    /** Refused by the matching engine after the create was acknowledged. */
    REJECTED("Rejected", true),
    /** Spot: canceled after a partial fill. */
    PARTIALLY_FILLED_CANCELED("PartiallyFilledCanceled", true),
    /** Completely filled. */
    FILLED("Filled", true),
    /** Canceled (on derivatives it may have filled in part). */
    CANCELLED("Cancelled", true),
    /** A conditional, TP/SL or OCO order canceled before it triggered. */
    DEACTIVATED("Deactivated", true);

    private final String wire;
    private final boolean terminal;

    BybitOrderStatus(String wire, boolean terminal) {
        this.wire = wire;
        this.terminal = terminal;
    }

    /** Bybit's spelling. */
    public String wire() {
        return wire;
    }

    /** Whether the order can no longer change. */
    public boolean isTerminal() {
        return terminal;
    }

    /** Whether the order is live (resting or waiting for its trigger). */
    public boolean isOpen() {
        return !terminal;
    }

    /**
     * The status Bybit spells {@code value}.
     *
     * @throws UnknownVenueValueException for anything else
     */
    public static BybitOrderStatus parse(String value) {
        for (BybitOrderStatus s : values()) {
            if (s.wire.equals(value)) {
                return s;
            }
        }
        throw UnknownVenueValueException.of("order status", value, Arrays.stream(values()).map(s -> s.wire).toArray());
    }

    /** The venue-neutral status for a status query; canceled remainders may be EXPIRED (see the translator). */
    OrderSnapshot.Status snapshotStatus() {
        return switch (this) {
            case NEW, UNTRIGGERED, TRIGGERED -> OrderSnapshot.Status.NEW;
            case PARTIALLY_FILLED -> OrderSnapshot.Status.PARTIALLY_FILLED;
            case FILLED -> OrderSnapshot.Status.FILLED;
            case CANCELLED, PARTIALLY_FILLED_CANCELED, DEACTIVATED -> OrderSnapshot.Status.CANCELED;
            case REJECTED -> OrderSnapshot.Status.REJECTED;
        };
    }
}
