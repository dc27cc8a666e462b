package io.fixbridge.venue;

/**
 * Receives one market data subscription's events.
 *
 * <p><b>Threading:</b> called on an adapter thread, one event at a time per subscription and in
 * the order the adapter produced them; implementations must return quickly and must not throw
 * (the gateway's only hands the event to its market data thread).
 */
@FunctionalInterface
public interface MarketDataListener {

    /** One book, trade or interruption of the subscribed symbol. */
    void onMarketData(MarketDataEvent event);
}
