package io.fixbridge.venue.kit.ratelimit;

import io.fixbridge.venue.ConfigView;
import io.fixbridge.venue.VenueConfigException;
import io.fixbridge.venue.kit.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One venue limit: at most {@code capacity} units per {@code window}, e.g.
 * {@code new RateLimit("REQUEST_WEIGHT", 6000, Duration.ofMinutes(1))} or
 * {@code new RateLimit("ORDERS", 50, Duration.ofSeconds(10))}. The {@link RateLimiter} models it as
 * a token bucket holding up to {@code capacity} tokens that refills at {@code capacity / window}.
 *
 * @param name     the name requests use in their {@link Cost} and the adapter uses in
 *                 {@link RateLimiter#observeUsed}
 * @param capacity units per window; at least 1
 * @param window   the window; positive
 */
public record RateLimit(String name, long capacity, Duration window) {

    /** Validates the components; throws {@link IllegalArgumentException} or {@link NullPointerException} when one is wrong. */
    public RateLimit {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("rate limit name must not be blank");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("rate limit " + name + ": capacity must be at least 1");
        }
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate limit " + name + ": window must be positive");
        }
    }

    /** {@code REQUEST_WEIGHT 6000/1m}. */
    public String describe() {
        return name + " " + capacity + "/" + Durations.compact(window);
    }

    /**
     * The start of the next window after {@code now} when windows are aligned to the epoch (the
     * way Binance resets its counters: every minute on the minute, every day at 00:00 UTC). Useful
     * as the {@code resetAt} of {@link RateLimiter#observeUsed}.
     */
    public Instant nextWindowStart(Instant now) {
        long w = window.toMillis();
        long t = now.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(t, w) * w + w);
    }

    /**
     * {@code defaults} with overrides from {@code section} (paid tiers, sub-account limits), which
     * maps limit names to {@code capacity} and {@code window} settings:
     *
     * <pre>
     * rateLimits:
     *   REQUEST_WEIGHT: { capacity: 12000, window: 1m }
     *   ORDERS_1S: { capacity: 10, window: 1s }     # a limit not in the defaults needs both
     * </pre>
     *
     * Defaults keep their order; new limits follow in file order.
     *
     * @throws VenueConfigException naming the setting that is wrong
     */
    public static List<RateLimit> fromConfig(ConfigView section, List<RateLimit> defaults) {
        Map<String, RateLimit> out = new LinkedHashMap<>();
        for (RateLimit d : defaults) {
            out.put(d.name(), d);
        }
        for (String name : section.keys()) {
            ConfigView entry = section.section(name).requireOnly(java.util.Set.of("capacity", "window"));
            RateLimit base = out.get(name);
            if (base == null && (!entry.has("capacity") || !entry.has("window"))) {
                throw section.error(name, "a rate limit not known to this venue needs both capacity and window, "
                        + "e.g. { capacity: 10, window: 1s }; the known ones are " + out.keySet());
            }
            long capacity = entry.longValue("capacity", base == null ? 0 : base.capacity());
            if (capacity < 1) {
                throw entry.error("capacity", "expected a whole number of at least 1, got " + capacity);
            }
            Duration window = Durations.get(entry, "window", base == null ? null : base.window());
            if (window.isZero()) {
                throw entry.error("window", "expected a duration greater than zero such as 1m");
            }
            out.put(name, new RateLimit(name, capacity, window));
        }
        return List.copyOf(new ArrayList<>(out.values()));
    }
}
