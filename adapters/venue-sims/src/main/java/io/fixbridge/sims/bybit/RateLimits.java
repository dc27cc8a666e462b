package io.fixbridge.sims.bybit;

/**
 * Bybit's per-UID API rate limits, in requests per second, counted per endpoint, per account and
 * per category in one-second windows. Immutable.
 *
 * @param spotTrade        {@code /v5/order/create}, {@code /v5/order/cancel}, {@code /v5/order/cancel-all}
 *                         for spot (Bybit: 20/s)
 * @param spotAmend        {@code /v5/order/amend} for spot (Bybit: 10/s)
 * @param derivativesTrade create, amend, cancel and cancel-all for linear and inverse, and
 *                         {@code /v5/position/switch-mode} (Bybit: 10/s)
 * @param queries          {@code /v5/order/realtime}, {@code /v5/order/history},
 *                         {@code /v5/execution/list}, {@code /v5/position/list},
 *                         {@code /v5/account/wallet-balance} (Bybit: 50/s)
 */
public record RateLimits(int spotTrade, int spotAmend, int derivativesTrade, int queries) {

    public RateLimits {
        if (spotTrade <= 0 || spotAmend <= 0 || derivativesTrade <= 0 || queries <= 0) {
            throw new IllegalArgumentException("rate limits must be positive");
        }
    }

    /** Bybit's defaults for a non-VIP account: 20, 10, 10 and 50 per second. */
    public static RateLimits defaults() {
        return new RateLimits(20, 10, 10, 50);
    }

    /** The same limit for every endpoint (handy in tests). */
    public static RateLimits uniform(int perSecond) {
        return new RateLimits(perSecond, perSecond, perSecond, perSecond);
    }
}
