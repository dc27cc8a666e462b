package io.fixbridge.venue.kit.rules;

import io.fixbridge.venue.RejectReason;

/** The instrument rules {@link InstrumentRules} checks, each with the reject reason it maps to. */
public enum Rule {
    /** The instrument is not trading now. */
    NOT_TRADING(RejectReason.VENUE_CLOSED),
    /** A price is zero or negative. */
    PRICE_NOT_POSITIVE(RejectReason.OTHER),
    /** A price is not a multiple of the tick size. */
    PRICE_TICK(RejectReason.INVALID_PRICE_INCREMENT),
    /** The quantity is zero or negative. */
    QUANTITY_NOT_POSITIVE(RejectReason.INCORRECT_QUANTITY),
    /** The quantity is not a multiple of the lot size. */
    QUANTITY_LOT(RejectReason.INCORRECT_QUANTITY),
    /** The quantity is below the minimum. */
    QUANTITY_MIN(RejectReason.INCORRECT_QUANTITY),
    /** The quantity is above the maximum. */
    QUANTITY_MAX(RejectReason.INCORRECT_QUANTITY),
    /** Price times quantity (times contract size) is below the minimum notional. */
    MIN_NOTIONAL(RejectReason.BELOW_MIN_NOTIONAL);

    private final RejectReason rejectReason;

    Rule(RejectReason rejectReason) {
        this.rejectReason = rejectReason;
    }

    /** The reject reason a violation of this rule maps to. */
    public RejectReason rejectReason() {
        return rejectReason;
    }
}
