package io.fixbridge.venue;

/** Which side of the trade a fill was on. */
public enum Liquidity {
    /** The order was resting and provided liquidity. */
    MAKER,
    /** The order crossed the spread and took liquidity. */
    TAKER
}
