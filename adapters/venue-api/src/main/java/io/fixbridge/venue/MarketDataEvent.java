package io.fixbridge.venue;

/**
 * What a market data subscription ({@link VenueAdapter#subscribeMarketData}) streams about one
 * instrument: its order book as the adapter keeps it, its public trades, and word that the book
 * stopped being kept current. Every event carries {@link #receivedNanos()}, the
 * {@link System#nanoTime()} at which the venue message that caused it arrived, so the gateway can
 * measure venue event to FIX message out.
 */
public sealed interface MarketDataEvent permits BookSnapshot, MarketTrade, BookInterrupted {

    /** Unified symbol. */
    String symbol();

    /** {@link System#nanoTime()} when the venue message behind this event was received. */
    long receivedNanos();
}
