package io.fixbridge.venue;

/** Time in force. Post-only is a flag on the order, not a time in force. */
public enum TimeInForce {
    GTC,
    IOC,
    FOK,
    /** Good till date: the order carries an expire time. */
    GTD
}
