package io.fixbridge.gateway.order;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Issues the gateway's OrderID(37): a prefix fixed at start (the start time in base 36) and a
 * counter, so ids are unique across restarts without coordination. Thread-safe.
 */
public final class OrderIds {
    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    public OrderIds(long startEpochMillis) {
        this.prefix = Long.toString(startEpochMillis, 36).toUpperCase(java.util.Locale.ROOT);
    }

    public String next() {
        return prefix + "-" + counter.incrementAndGet();
    }
}
