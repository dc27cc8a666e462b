package io.fixbridge.venue.kit.ratelimit;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.kit.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link RateLimiter} does when a request would exceed a limit: wait up to {@code maxWait}
 * for the permits (without blocking a thread), or, when the wait would be longer, fail at once
 * with {@link RateLimitExceededException}. Never drops a request silently.
 *
 * @param maxWait longest acceptable wait; {@link Duration#ZERO} fails fast
 */
public record RateLimitPolicy(Duration maxWait) {

    /** Validates the components; throws {@link IllegalArgumentException} or {@link NullPointerException} when one is wrong. */
    public RateLimitPolicy {
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative");
        }
    }

    /** Never wait: fail when a permit is not available now. */
    public static RateLimitPolicy failFast() {
        return new RateLimitPolicy(Duration.ZERO);
    }

    /** Wait up to {@code maxWait}. */
    public static RateLimitPolicy waitUpTo(Duration maxWait) {
        return new RateLimitPolicy(maxWait);
    }

    /**
     * Reads {@code maxWait} (a duration such as {@code 500ms}) from {@code section}.
     *
     * @throws io.fixbridge.venue.VenueConfigException naming the setting when it is wrong
     */
    public static RateLimitPolicy fromConfig(ConfigView section, RateLimitPolicy fallback) {
        return new RateLimitPolicy(Durations.get(section, "maxWait", fallback.maxWait()));
    }
}
