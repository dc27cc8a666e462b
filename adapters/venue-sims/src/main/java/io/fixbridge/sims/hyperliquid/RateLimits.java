package io.fixbridge.sims.hyperliquid;

/**
 * Rate-limit settings. Immutable.
 *
 * @param ipWeightPerMinute      REST weight one IP may spend per minute (Hyperliquid: 1200); beyond
 *                               it requests are answered HTTP 429 unprocessed
 * @param initialAddressRequests exchange actions every address may send before it has traded
 *                               (Hyperliquid: 10000)
 * @param requestsPerUsdc        further actions allowed per 1 USDC of volume traded (Hyperliquid: 1)
 */
public record RateLimits(int ipWeightPerMinute, long initialAddressRequests, long requestsPerUsdc) {
    public static final RateLimits DEFAULT = new RateLimits(1200, 10_000, 1);

    public RateLimits {
        if (ipWeightPerMinute < 1 || initialAddressRequests < 0 || requestsPerUsdc < 0) {
            throw new IllegalArgumentException("rate limits must be positive");
        }
    }
}
