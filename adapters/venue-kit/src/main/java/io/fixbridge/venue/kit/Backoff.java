package io.fixbridge.venue.kit;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with optional jitter: attempt {@code n} (from 1) waits
 * {@code min(max, initial * multiplier^(n-1))}, then that delay is reduced by a random fraction of
 * up to {@code jitter} (so retries of many clients spread out and never exceed the cap).
 * Immutable and thread-safe.
 *
 * @param initial    delay before the first retry; positive
 * @param max        cap; at least {@code initial}
 * @param multiplier growth per attempt; at least 1
 * @param jitter     fraction in [0, 1) by which a delay may be randomly shortened; 0 for none
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {

    /** Validates the components; throws {@link IllegalArgumentException} or {@link NullPointerException} when one is wrong. */
    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff must be at least the initial one");
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be at least 1");
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
    }

    /** Doubling from {@code initial} up to {@code max}, with 20 % jitter. */
    public static Backoff exponential(Duration initial, Duration max) {
        return new Backoff(initial, max, 2.0, 0.2);
    }

    /** The delay before attempt {@code attempt} (1 for the first retry), without jitter. */
    public Duration baseDelay(int attempt) {
        double factor = Math.pow(multiplier, Math.max(0, attempt - 1));
        double nanos = initial.toNanos() * factor;
        if (Double.isInfinite(nanos) || nanos >= max.toNanos()) {
            return max;
        }
        return Duration.ofNanos((long) nanos);
    }

    /**
     * The delay before attempt {@code attempt}, with jitter drawn from {@code random} (values in
     * [0, 1)).
     */
    public Duration delay(int attempt, DoubleSupplier random) {
        Duration base = baseDelay(attempt);
        if (jitter == 0.0) {
            return base;
        }
        double cut = jitter * random.getAsDouble();
        return Duration.ofNanos((long) (base.toNanos() * (1.0 - cut)));
    }
}
