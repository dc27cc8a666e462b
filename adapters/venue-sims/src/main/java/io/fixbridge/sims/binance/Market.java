package io.fixbridge.sims.binance;

/**
 * The two Binance API families the simulator serves. Each has its own matching engine, order id
 * sequence, rate limits and header names. Immutable.
 */
enum Market {
    /** Spot: {@code /api/v3}, the WebSocket API and spot listen keys. */
    SPOT("X-MBX-ORDER-COUNT-1D", "1 DAY"),
    /** USD-M futures: {@code /fapi}, futures listen keys. */
    FUTURES("X-MBX-ORDER-COUNT-1M", "1 MINUTE");

    private final String longOrderHeader;
    private final String longOrderInterval;

    Market(String longOrderHeader, String longOrderInterval) {
        this.longOrderHeader = longOrderHeader;
        this.longOrderInterval = longOrderInterval;
    }

    /** Header naming the order count of the longer order window (a day on spot, a minute on futures). */
    String longOrderHeader() {
        return longOrderHeader;
    }

    /** The longer order window as Binance spells it in -1015 texts. */
    String longOrderInterval() {
        return longOrderInterval;
    }
}
