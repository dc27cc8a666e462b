package io.fixbridge.venue.hyperliquid;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One address's cumulative request budget (Hyperliquid allows 1 action per 1 USDC traded since the
 * account's start, plus an initial buffer, and answers "Too many cumulative requests sent" beyond it).
 * Set from {@code userRateLimit} at connect (or the configured {@code rateLimit.addressBudget}) and
 * counted down per order and modify; cancels are not counted (Hyperliquid lets them through beyond the
 * budget). Thread-safe.
 */
final class AddressBudget {
    /** Remaining requests, or -1 when not known (not counted). */
    private final AtomicLong remaining = new AtomicLong(-1);

    /** Sets what is left, from Hyperliquid or the configuration. */
    void set(long left) {
        remaining.set(Math.max(0, left));
    }

    /** Takes {@code n} requests (no-op when not known); false when the budget is used up. */
    boolean take(int n) {
        while (true) {
            long r = remaining.get();
            if (r < 0) {
                return true;
            }
            if (r < n) {
                return false;
            }
            if (remaining.compareAndSet(r, r - n)) {
                return true;
            }
        }
    }
}
