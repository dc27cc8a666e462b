package io.fixbridge.venue;

/**
 * A running market data subscription; {@link #close()} ends it.
 *
 * <p><b>Threading:</b> thread-safe. After {@code close} returns no further event is delivered to
 * its listener; the adapter unsubscribes upstream (or closes the stream once no subscription
 * needs it) on its own threads.
 */
public interface MarketDataSubscription extends AutoCloseable {

    /** The unified symbol subscribed. */
    String symbol();

    /** Ends the subscription; idempotent; never throws. */
    @Override
    void close();
}
