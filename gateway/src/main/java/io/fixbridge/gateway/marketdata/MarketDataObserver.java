package io.fixbridge.gateway.marketdata;

/**
 * What the market data hub reports for metrics. Called on the hub's thread; implementations must
 * be quick and must not throw.
 */
public interface MarketDataObserver {

    /** Does nothing. */
    MarketDataObserver NONE = new MarketDataObserver() {
    };

    /**
     * A FIX message went out for a venue event: {@code nanos} from the venue message's receipt to
     * the FIX message handed to the session.
     *
     * @param kind {@code book} or {@code trade}
     */
    default void published(String venue, String kind, long nanos) {
    }

    /** The venue's book of {@code symbol} was rebuilt after a gap or a dropped stream. */
    default void resynced(String venue, String symbol) {
    }

    /** {@code symbol} now has {@code count} FIX subscribers (zero once the venue subscription ends). */
    default void subscribers(String venue, String symbol, int count) {
    }
}
