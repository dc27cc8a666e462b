package io.fixbridge.venue;

/**
 * Why a venue (or the gateway on a venue's behalf) definitively refused a request.
 * The gateway maps each to a FIX OrdRejReason / CxlRejReason.
 */
public enum RejectReason {
    UNKNOWN_SYMBOL,
    /** The account is not known to the venue (or to the gateway's configuration of it). */
    UNKNOWN_ACCOUNT,
    /** The venue or the instrument is not trading (maintenance, halt, delisting). */
    VENUE_CLOSED,
    INSUFFICIENT_FUNDS,
    /** A venue limit was exceeded: too many open orders, position limits and the like. */
    LIMIT_EXCEEDED,
    UNKNOWN_ORDER,
    DUPLICATE_ORDER,
    UNSUPPORTED_ORDER_CHARACTERISTIC,
    INCORRECT_QUANTITY,
    INVALID_PRICE_INCREMENT,
    /** The order's notional is below the instrument's minimum. */
    BELOW_MIN_NOTIONAL,
    /** A post-only order would have taken liquidity. */
    WOULD_TAKE_LIQUIDITY,
    /** A reduce-only order would have increased the position. */
    REDUCE_ONLY_WOULD_INCREASE,
    /** The order is already done (filled, canceled, expired); too late to cancel or amend. */
    TOO_LATE,
    /** Authentication, permission or any other definitive refusal. */
    OTHER
}
