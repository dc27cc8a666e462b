package io.fixbridge.venue.kit.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * One limit's state at one moment, for metrics and health pages.
 *
 * @param name      the limit
 * @param capacity  units per window
 * @param window    the window
 * @param available units usable now (0 when the bucket is empty or in debt to waiting requests)
 * @param reserved  units granted to requests still waiting for their turn
 * @param resetsAt  when the venue said the window resets, or null when the bucket refills continuously
 */
public record RateLimitSnapshot(String name, long capacity, Duration window, long available, long reserved, Instant resetsAt) {

    /** The fraction used, 0.0 to 1.0. */
    public double usedFraction() {
        return Math.min(1.0, Math.max(0.0, (capacity - available) / (double) capacity));
    }
}
