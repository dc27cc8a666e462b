package io.fixbridge.venue;

/** Whether an instrument can be traded now. Orders for anything but TRADING are refused before sending. */
public enum TradingStatus {
    TRADING,
    HALTED,
    DELISTED
}
