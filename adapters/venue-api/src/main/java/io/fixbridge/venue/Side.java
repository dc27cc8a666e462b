package io.fixbridge.venue;

/** Order side. */
public enum Side {
    BUY,
    SELL;

    /** The opposite side. */
    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }
}
