package io.fixbridge.venue.hyperliquid;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One address's cumulative request budget (Hyperliquid allows 1 action per 1 USDC traded since the
 * account's start, plus an initial buffer, and answers "Too many cumulative requests sent" beyond it),
 * counted here so that a request the venue would refuse is not sent.
 *
 * <p>The count is an estimate that refills from Hyperliquid: it starts from {@code userRateLimit} at connect
 * (or from the configured {@code rateLimit.addressBudget}, which only replaces that first read), is counted
 * down per order and modify (cancels are not counted: Hyperliquid lets them through beyond the budget), and
 * is set again from {@code userRateLimit} by a timer and whenever it reaches zero, before a request is
 * refused: only when Hyperliquid too says nothing is left is a request refused here. At most one read is
 * in flight at a time ({@link #refill}).
 *
 * <p>Thread-safe.
 */
final class AddressBudget {
    /** Remaining requests, or -1 when not known (not counted). */
    private final AtomicLong remaining = new AtomicLong(-1);
    private final Object lock = new Object();
    private CompletableFuture<Void> reading;

    /** Sets what is left, from Hyperliquid or the configuration. */
    void set(long left) {
        remaining.set(Math.max(0, left));
    }

    /** Takes {@code n} requests (no-op when not known); false when the local count is used up. */
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

    /**
     * Reads the budget again with {@code read} (which calls {@link #set}), unless a read is already in
     * flight, whose future is returned instead.
     */
    CompletableFuture<Void> refill(Supplier<CompletableFuture<Void>> read) {
        synchronized (lock) {
            if (reading != null && !reading.isDone()) {
                return reading;
            }
            CompletableFuture<Void> r = read.get();
            reading = r;
            return r;
        }
    }
}
