package io.fixbridge.sims.binance;

/**
 * The rate limits of one API family, as exchangeInfo publishes them. Immutable.
 *
 * @param requestWeightPerMinute REQUEST_WEIGHT per IP per minute (Binance: 6000 spot, 2400 futures)
 * @param ordersPer10Seconds     ORDERS per account per 10 seconds (Binance: 100 spot, 300 futures)
 * @param ordersPerLongWindow    ORDERS per account per day on spot (200000) or per minute on futures (1200)
 */
public record RateLimits(int requestWeightPerMinute, int ordersPer10Seconds, int ordersPerLongWindow) {

    public RateLimits {
        if (requestWeightPerMinute <= 0 || ordersPer10Seconds <= 0 || ordersPerLongWindow <= 0) {
            throw new IllegalArgumentException("rate limits must be positive");
        }
    }

    /** Binance spot's limits. */
    public static RateLimits spotDefaults() {
        return new RateLimits(6000, 100, 200_000);
    }

    /** Binance USD-M futures' limits. */
    public static RateLimits futuresDefaults() {
        return new RateLimits(2400, 300, 1200);
    }
}
