package io.fixbridge.gateway.risk;

import java.util.ArrayDeque;

/**
 * Orders admitted in the last second, for {@code maxOrdersPerSecond}: the times of the most recent
 * ones in a sliding one-second window. Holds at most as many times as the largest limit asked
 * about. Not thread-safe: the order engine thread's.
 */
final class OrderRate {
    private static final long WINDOW_NANOS = 1_000_000_000L;
    /** Bounds memory when limits are lowered or removed: a window never needs more. */
    private static final int MAX_KEPT = 100_000;

    private final ArrayDeque<Long> times = new ArrayDeque<>();

    /** How many were admitted in the second before {@code nowNanos}. */
    int inLastSecond(long nowNanos) {
        while (!times.isEmpty() && nowNanos - times.peekFirst() >= WINDOW_NANOS) {
            times.pollFirst();
        }
        return times.size();
    }

    /** Counts one admitted at {@code nowNanos}. */
    void add(long nowNanos) {
        inLastSecond(nowNanos);
        if (times.size() == MAX_KEPT) {
            times.pollFirst();
        }
        times.addLast(nowNanos);
    }
}
